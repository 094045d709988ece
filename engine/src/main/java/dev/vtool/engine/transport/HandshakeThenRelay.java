package dev.vtool.engine.transport;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.Session;
import dev.vtool.schema.model.ProxyServer;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The outbound shape HTTP and SOCKS share: take the next server in turn (V2Ray's round-robin picker), dial
 * it, run the protocol's {@link ClientHandshake}, then relay the client's link over the same connection.
 * Failures are logged like V2Ray's outbound manager, with each protocol's own wording.
 */
public final class HandshakeThenRelay {
    private final EngineContext context;
    private final String sendThrough;
    private final List<ProxyServer> servers;
    private final String protocolPath;
    private final String handlerName;
    private final BiFunction<ProxyServer, Destination, ClientHandshake> handshakes;
    private final Function<Throwable, String> refusalWording;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param protocolPath   V2Ray's package path in the log line, e.g. {@code v2ray.com/core/proxy/http}
     * @param handlerName    pipeline name of the handshake handler
     * @param refusalWording how a failed handshake reads after the protocol path
     */
    public HandshakeThenRelay(EngineContext context, String sendThrough, List<ProxyServer> servers,
            String protocolPath, String handlerName, BiFunction<ProxyServer, Destination, ClientHandshake> handshakes,
            Function<Throwable, String> refusalWording) {
        this.context = context;
        this.sendThrough = sendThrough;
        this.servers = servers;
        this.protocolPath = protocolPath;
        this.handlerName = handlerName;
        this.handshakes = handshakes;
        this.refusalWording = refusalWording;
    }

    /** The next server in turn (shared by TCP and UDP flows, as V2Ray's picker is). */
    public ProxyServer nextServer() {
        return servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
    }

    public void dispatch(Session session, Link link) {
        ProxyServer server = nextServer();
        context.dialer().connect(link.eventLoop(), server.address(), server.port(), sendThrough, session.policy())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(session, link, null, "failed to find an available destination > " + f.cause().getMessage());
                        return;
                    }
                    Channel ch = (Channel) f.getNow();
                    ClientHandshake hs = handshakes.apply(server, session.destination());
                    ch.pipeline().addLast(handlerName, hs);
                    hs.result().addListener(r -> {
                        if (r.isSuccess()) {
                            link.relayTo(ch);
                            // leftover bytes the server sent right after its answer flow to the relay
                            if (ch.pipeline().get(handlerName) != null) {
                                ch.pipeline().remove(handlerName);
                            }
                        } else {
                            fail(session, link, ch, refusalWording.apply(r.cause()));
                        }
                    });
                    ch.config().setAutoRead(true);
                    hs.start(ch);
                });
    }

    private void fail(Session session, Link link, Channel ch, String why) {
        context.log().warning(session.id(), "app/proxyman/outbound",
                "failed to process outbound traffic > " + protocolPath + ": " + why);
        if (ch != null) {
            ch.close();
        }
        link.close();
    }
}
