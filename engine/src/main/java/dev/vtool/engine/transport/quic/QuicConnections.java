package dev.vtool.engine.transport.quic;

import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.transport.StreamSettings;
import dev.vtool.schema.transport.quic.QuicSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The client's QUIC connections. 4.34 reuses one connection per destination (IP:port) and dials a new
 * one, from a new UDP socket, when opening a stream fails (e.g. the server's 32-stream limit). vtool keeps
 * one per destination and event loop, so a stream lives on the loop of the connection it relays for.
 */
final class QuicConnections {
    private record Key(EventLoop loop, InetSocketAddress server, StreamSettings settings) {
    }

    private final Map<Key, Future<QuicChannel>> open = new ConcurrentHashMap<>();

    Future<Channel> openStream(DialRequest r) {
        Promise<Channel> result = r.loop().newPromise();
        String host = r.target().host();
        List<InetAddress> given = r.target().addresses();
        if (given != null && !given.isEmpty()) {
            openStream(r, new InetSocketAddress(given.get(0), r.target().port()), result, true);
        } else if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            openStream(r, new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), r.target().port()),
                    result, true);
        } else {
            // 4.34 resolves the destination first: QUIC always dials an IP
            r.system().resolver().resolve(host, r.loop()).addListener(f -> {
                @SuppressWarnings("unchecked")
                List<InetAddress> all = f.isSuccess() ? ((List<InetAddress>) f.getNow()).stream()
                        .filter(r.target().family()).toList() : List.of();
                if (all.isEmpty()) {
                    result.tryFailure(f.isSuccess() ? new java.net.UnknownHostException("lookup " + host
                            + ": no suitable address") : f.cause());
                } else {
                    openStream(r, new InetSocketAddress(all.get(0), r.target().port()), result, true);
                }
            });
        }
        return result;
    }

    private void openStream(DialRequest r, InetSocketAddress server, Promise<Channel> result, boolean mayRetry) {
        Key key = new Key(r.loop(), server, r.settings());
        Future<QuicChannel> connection = open.computeIfAbsent(key, k -> connect(r, k));
        connection.addListener(f -> {
            if (!f.isSuccess()) {
                open.remove(key, connection);
                result.tryFailure(f.cause());
                return;
            }
            QuicChannel quic = (QuicChannel) f.getNow();
            if (!quic.isActive()) {
                open.remove(key, connection);
                openStream(r, server, result, mayRetry);
                return;
            }
            quic.newStreamBootstrap().type(QuicStreamType.BIDIRECTIONAL)
                    .option(ChannelOption.AUTO_READ, false).option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .handler(new ChannelInitializer<QuicStreamChannel>() {
                        @Override
                        protected void initChannel(QuicStreamChannel ch) {
                            QuicStreamClose.install(ch);
                        }
                    })
                    .create().addListener(s -> {
                        if (s.isSuccess()) {
                            result.trySuccess((Channel) s.getNow());
                        } else if (mayRetry) {
                            open.remove(key, connection);
                            openStream(r, server, result, false);
                        } else {
                            result.tryFailure(s.cause());
                        }
                    });
        });
    }

    /** A new UDP socket with 4.34's protection, the QUIC client codec, and the handshake (8 s at most). */
    private Future<QuicChannel> connect(DialRequest r, Key key) {
        Promise<QuicChannel> result = r.loop().newPromise();
        QuicSettings settings = (QuicSettings) r.settings().transport();
        QuicSslContext ssl;
        String name;
        try {
            ssl = QuicTls.client(r.settings().security());
            name = QuicTls.serverName(r.settings().security());
        } catch (Exception e) {
            result.setFailure(e instanceof java.io.IOException ? e : new java.io.IOException(e.getMessage(), e));
            return result;
        }
        QuicPacketProtection probe = new QuicPacketProtection(settings);
        ChannelHandler codec = QuicStreams.configure(new QuicClientCodecBuilder(), probe.overhead())
                .sslEngineProvider(q -> ssl.newEngine(q.alloc(), name, key.server().getPort()))
                .build();
        InetSocketAddress local = r.sendThrough() == null ? new InetSocketAddress(0)
                : new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(r.sendThrough()), 0);
        ChannelFuture bound = new Bootstrap().group(r.loop()).channel(Transports.datagramChannel())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("quic-protection", new QuicPacketProtection(settings));
                        ch.pipeline().addLast("quic", codec);
                    }
                }).bind(local);
        bound.addListener(b -> {
            if (!b.isSuccess()) {
                result.tryFailure(b.cause());
                return;
            }
            Channel udp = bound.channel();
            QuicChannel.newBootstrap(udp).streamHandler(QuicStreams.Refuse.INSTANCE).remoteAddress(key.server())
                    .connect().addListener(c -> {
                        if (c.isSuccess()) {
                            QuicChannel quic = (QuicChannel) c.getNow();
                            quic.closeFuture().addListener(x -> {
                                open.remove(key, result);
                                udp.close();
                            });
                            if (!result.trySuccess(quic)) {
                                quic.close();
                            }
                        } else {
                            udp.close();
                            result.tryFailure(new java.io.IOException("failed to dial to " + key.server()
                                    + " > " + c.cause().getMessage(), c.cause()));
                        }
                    });
            r.loop().schedule(() -> {
                if (result.tryFailure(new java.io.IOException("failed to dial to " + key.server()
                        + " > timeout: handshake did not complete in time"))) {
                    udp.close();
                }
            }, QuicStreams.HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS);
        });
        return result;
    }
}
