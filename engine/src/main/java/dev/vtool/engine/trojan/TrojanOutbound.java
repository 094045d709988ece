package dev.vtool.engine.trojan;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.schema.model.OutboundConfig;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.wire.GluedHeaderEncoder;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.protocol.trojan.TrojanOutboundSettings;
import dev.vtool.schema.protocol.trojan.TrojanServer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trojan outbound: servers in turn, up to 5 dial attempts (0/100/200/300 ms apart) as in 4.34, then
 * the request header glued to the first payload. No response header: the server's bytes are the payload.
 */
public final class TrojanOutbound implements OutboundHandler {
    static final String PKG = "proxy/trojan";
    private static final int ATTEMPTS = 5;

    /** A server with its key computed once. */
    record Server(TrojanServer config, String key) {
    }

    private final List<Server> servers;
    private final String sendThrough;
    private final EngineContext context;
    private final AtomicInteger next = new AtomicInteger();

    private TrojanOutbound(TrojanOutboundSettings settings, String sendThrough, EngineContext context) {
        this.servers = settings.servers().stream().map(s -> new Server(s, TrojanKey.of(s.user().password()))).toList();
        this.sendThrough = sendThrough;
        this.context = context;
    }

    public static OutboundHandler create(OutboundConfig config, EngineContext context) {
        return new TrojanOutbound((TrojanOutboundSettings) config.settings(), config.sendThrough(), context);
    }

    @Override
    public void dispatch(Session session, Link link) {
        connect(session, link.eventLoop(), 0, (server, ch) -> {
            if (ch == null) {
                link.close();
                return;
            }
            context.log().info(session.id(), PKG, "tunneling request to " + session.destination() + " via "
                    + server.config().address() + ":" + server.config().port());
            ch.pipeline().addLast("trojan-request", GluedHeaderEncoder.request(
                    TrojanRequest.encode(ch.alloc(), server.key(), TrojanRequest.CONNECT, session.destination())));
            link.relayTo(ch);
        });
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        return TrojanPackets.open(this, session, loop, back);
    }

    /** Dials the next server, retrying as 4.34 does; hands over the channel, or null after the last try. */
    void connect(Session session, EventLoop loop, int n, java.util.function.BiConsumer<Server, Channel> done) {
        Server server = servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
        context.dialer().connect(loop, server.config().address(), server.config().port(), sendThrough, session.policy())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        done.accept(server, (Channel) f.getNow());
                    } else if (n + 1 < ATTEMPTS) {
                        loop.schedule(() -> connect(session, loop, n + 1, done), 100L * n, TimeUnit.MILLISECONDS);
                    } else {
                        context.log().warning(session.id(), "app/proxyman/outbound", "failed to process outbound traffic > "
                                + "v2ray.com/core/" + PKG + ": failed to find an available destination > v2ray.com/core/common/retry: "
                                + "[" + f.cause().getMessage() + "] > v2ray.com/core/common/retry: all retry attempts failed");
                        done.accept(server, null);
                    }
                });
    }

    EngineContext context() {
        return context;
    }

}
