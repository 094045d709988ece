package dev.vtool.engine.vless;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.mux.MuxServer;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.wire.GluedHeaderEncoder;
import dev.vtool.schema.model.OutboundConfig;
import dev.vtool.schema.protocol.vless.VlessOutboundSettings;
import dev.vtool.schema.protocol.vless.VlessServer;
import dev.vtool.schema.protocol.vless.VlessUser;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The vless outbound: vnext servers in turn, a random user of the server, up to 5 dial attempts
 * (0/100/200/300 ms apart) as in 4.34, then the request header glued to the first payload and the
 * response header stripped from the first answer.
 */
public final class VlessOutbound implements OutboundHandler {
    static final String PKG = "proxy/vless/outbound";
    private static final int ATTEMPTS = 5;

    private final List<VlessServer> servers;
    private final String sendThrough;
    private final EngineContext context;
    private final AtomicInteger next = new AtomicInteger();

    private VlessOutbound(VlessOutboundSettings settings, String sendThrough, EngineContext context) {
        this.servers = settings.vnext();
        this.sendThrough = sendThrough;
        this.context = context;
    }

    public static OutboundHandler create(OutboundConfig config, EngineContext context) {
        return new VlessOutbound((VlessOutboundSettings) config.settings(), config.sendThrough(), context);
    }

    @Override
    public void dispatch(Session session, Link link) {
        connect(session, link.eventLoop(), 0, ch -> {
            if (ch == null) {
                link.close();
                return;
            }
            // a Mux.cool carrier (destination v1.mux.cool) is command 3 with no address, as in 4.34
            int command = MuxServer.carries(session.destination()) ? VlessRequest.MUX : VlessRequest.TCP;
            install(session, ch, command, session.destination());
            link.relayTo(ch);
        });
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        return VlessPackets.open(this, session, loop, back);
    }

    /** Puts the request encoder and response decoder on a connected channel. */
    void install(Session session, Channel ch, int command, Destination target) {
        VlessServer server = (VlessServer) ch.attr(SERVER).get();
        VlessUser user = server.users().get(ThreadLocalRandom.current().nextInt(server.users().size()));
        context.log().info(session.id(), PKG, "tunneling request to " + target + " via " + server.address() + ":" + server.port());
        ch.pipeline().addLast("vless-request", GluedHeaderEncoder.request(VlessRequest.encode(ch.alloc(), user.uuid(), command, target)));
        ch.pipeline().addLast("vless-response", new VlessResponseDecoder(why ->
                context.log().info(session.id(), PKG, "failed to decode response header > " + why)));
    }

    private static final io.netty.util.AttributeKey<VlessServer> SERVER = io.netty.util.AttributeKey.valueOf("vtool.vless.server");

    /** Dials the next server, retrying as 4.34 does; hands over the channel, or null after the last try. */
    void connect(Session session, EventLoop loop, int n, Consumer<Channel> done) {
        VlessServer server = servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
        context.dialer().connect(loop, server.address(), server.port(), sendThrough, session.policy())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        Channel ch = (Channel) f.getNow();
                        ch.attr(SERVER).set(server);
                        done.accept(ch);
                    } else if (n + 1 < ATTEMPTS) {
                        loop.schedule(() -> connect(session, loop, n + 1, done), 100L * n, TimeUnit.MILLISECONDS);
                    } else {
                        context.log().warning(session.id(), "app/proxyman/outbound", "failed to process outbound traffic > "
                                + "v2ray.com/core/" + PKG + ": failed to find an available destination > v2ray.com/core/common/retry: "
                                + "[" + f.cause().getMessage() + "] > v2ray.com/core/common/retry: all retry attempts failed");
                        done.accept(null);
                    }
                });
    }
}
