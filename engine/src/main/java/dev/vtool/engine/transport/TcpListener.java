package dev.vtool.engine.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * The TCP listening socket that every TCP-carried transport shares (tcp, websocket, and HTTP/2 next):
 * 4.34's socket options and {@code sockopt}, admission against the limits, the security layer, then the
 * transport's own handlers. Only what happens after that differs between transports.
 */
public final class TcpListener {
    private TcpListener() {
    }

    /**
     * @param serverAlpn  the ALPN a TLS server offers for this transport when the config names none
     * @param logCategory the 4.34 package the "listening" line is logged under
     * @param logWhat     what that line says is listening ({@code TCP}, {@code TCP(for WS)})
     * @param carry       adds the transport's handlers to an admitted connection (security already in place)
     */
    public static Future<Channel> listen(ListenRequest r, List<String> serverAlpn, String logCategory,
                                         String logWhat, Consumer<Channel> carry) {
        if (r.address() instanceof io.netty.channel.unix.DomainSocketAddress unix) {
            // an inbound whose listen is a socket path: the same layers over a unix socket
            return UnixSocketListener.listen(r, unix, serverAlpn, logCategory, "Unix Domain Socket", carry);
        }
        InetSocketAddress at = (InetSocketAddress) r.address();
        ServerBootstrap sb = new ServerBootstrap().group(r.boss(), r.workers()).channel(Transports.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.RECVBUF_ALLOCATOR, Transports.readAllocator())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, SystemDialer.waterMark(r.policy()))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!r.acceptor().admit(ch)) {
                            ch.close();
                            return;
                        }
                        Consumer<Channel> layers = c -> {
                            if (r.security() != null) {
                                r.security().server(c, r.settings().security(), serverAlpn);
                            }
                            carry.accept(c);
                        };
                        if (acceptsProxyProtocol(r.settings())) {
                            ch.pipeline().addLast("proxy-protocol", new ProxyProtocolDecoder(layers, r.policy().handshake(),
                                    r.settings().transport() instanceof dev.vtool.schema.transport.websocket.WebSocketSettings
                                            ? ProxyProtocolDecoder.HTTP_BAD_REQUEST : null));
                        } else {
                            layers.accept(ch);
                        }
                    }
                });
        if (r.settings().sockopt().transparent() || r.settings().sockopt().mark() != 0) {
            // IP_TRANSPARENT (sockopt.tproxy) and SO_MARK on the listening socket, before it is bound
            sb.handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel server) {
                    TransparentSockets.onListener(server, r.settings().sockopt(), r.log());
                }
            });
        }
        Boolean fastOpen = r.settings().sockopt().tcpFastOpen();
        if (fastOpen != null && Transports.nativeEpoll()) {
            // 4.34 on Linux: a queue of 256 when enabled, 0 (off) when disabled
            sb.option(ChannelOption.TCP_FASTOPEN, fastOpen ? 256 : 0);
        }
        Promise<Channel> result = ImmediateEventExecutor.INSTANCE.newPromise();
        ChannelFuture bound = sb.bind(at);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                r.log().info(0, logCategory, "listening " + logWhat + " on " + ListenFailure.hostPort(at));
                result.setSuccess(bound.channel());
            } else {
                result.setFailure(ListenFailure.of("TCP", at, f.cause()));
            }
        });
        return result;
    }

    /**
     * 4.34 requires a PROXY header when tcpSettings, wsSettings or sockopt says {@code acceptProxyProtocol}
     * (they all end up in the socket settings of the listener).
     */
    static boolean acceptsProxyProtocol(dev.vtool.schema.transport.StreamSettings s) {
        if (s.sockopt().acceptProxyProtocol()) {
            return true;
        }
        if (s.transport() instanceof dev.vtool.schema.transport.tcp.TcpSettings t) {
            return t.acceptProxyProtocol();
        }
        return s.transport() instanceof dev.vtool.schema.transport.websocket.WebSocketSettings w && w.acceptProxyProtocol();
    }
}
