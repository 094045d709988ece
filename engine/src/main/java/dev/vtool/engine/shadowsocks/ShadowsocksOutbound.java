package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.model.OutboundConfig;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksOutboundSettings;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksServer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shadowsocks outbound: servers taken round-robin per connection, up to 5 dial attempts (each on the
 * next server, with growing pauses, as 4.34 retries), then {@code salt || chunk(address header)} at once
 * and the relay through {@link SsRequestEncoder}/{@link SsResponseDecoder}. UDP goes as Shadowsocks
 * datagrams straight to the server's UDP port ({@link SsClientPackets} framing a
 * {@link dev.vtool.engine.transport.RelayedPackets}).
 */
public final class ShadowsocksOutbound implements OutboundHandler {
    static final String PKG = "proxy/shadowsocks";
    private static final int ATTEMPTS = 5;

    /** A configured server with its master key. */
    record Server(ShadowsocksServer config, byte[] masterKey) {
    }

    private final List<Server> servers = new ArrayList<>();
    private final String sendThrough;
    private final EngineContext context;
    private final AtomicInteger next = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    private ShadowsocksOutbound(ShadowsocksOutboundSettings settings, String sendThrough, EngineContext context) {
        this.sendThrough = sendThrough;
        this.context = context;
        for (ShadowsocksServer s : settings.servers()) {
            servers.add(new Server(s, SsKeys.masterKey(s.password(), s.method().keySize())));
        }
    }

    public static OutboundHandler create(OutboundConfig config, EngineContext context) {
        return new ShadowsocksOutbound((ShadowsocksOutboundSettings) config.settings(), config.sendThrough(), context);
    }

    @Override
    public void dispatch(Session session, Link link) {
        connect(session, link.eventLoop(), 0, (server, ch) -> {
            if (ch == null) {
                link.close();
                return;
            }
            Destination d = session.destination();
            SsStreamEncoder encoder = new SsStreamEncoder(server.config().method(), server.masterKey(), random);
            try {
                ch.pipeline().addLast("ss-request", new SsRequestEncoder(encoder, d));
            } catch (SsException e) {
                context.log().info(session.id(), PKG, "failed to write request > " + e.getMessage());
                ch.close();
                link.close();
                return;
            }
            ch.pipeline().addLast("ss-response", new SsResponseDecoder(
                    new SsStreamDecoder(server.config().method(), server.masterKey(), null),
                    cause -> context.log().info(session.id(), PKG, "connection ends > " + cause)));
            context.log().info(session.id(), PKG, "tunneling request to " + d + " via "
                    + server.config().address() + ":" + server.config().port());
            link.relayTo(ch);
        });
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        Server server = nextServer();
        return SsClientPackets.open(context, session, loop, back, server.config(),
                new SsPacketCodec(server.config().method(), server.masterKey(), random), sendThrough);
    }

    private Server nextServer() {
        return servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
    }

    /** Called with the server and the connected channel, or with a null channel after the last try. */
    interface Connected {
        void accept(Server server, Channel channel);
    }

    private void connect(Session session, EventLoop loop, int n, Connected done) {
        Server server = nextServer();
        context.dialer().connect(loop, server.config().address(), server.config().port(), sendThrough, session.policy())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        done.accept(server, (Channel) f.getNow());
                        return;
                    }
                    if (n + 1 < ATTEMPTS) {
                        loop.schedule(() -> connect(session, loop, n + 1, done), 100L << n, TimeUnit.MILLISECONDS);
                        return;
                    }
                    context.log().warning(session.id(), "app/proxyman/outbound", "failed to process outbound traffic > "
                            + "v2ray.com/core/" + PKG + ": failed to find an available destination > v2ray.com/core/common/retry: "
                            + "[" + f.cause().getMessage() + "] > v2ray.com/core/common/retry: all retry attempts failed");
                    done.accept(server, null);
                });
    }

}
