package dev.vtool.engine.transport.tcp;

import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.ListenFailure;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.SystemDialer;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.transport.SocketSettings;
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

/**
 * Plain TCP, the default network: a listening socket whose connections carry the stream directly (after
 * the security layer, if one is set), and the system dialer. 4.34's TCP server offers only {@code h2} as
 * TLS ALPN when the settings name none; its client offers Go's defaults.
 */
public final class TcpTransport implements StreamTransport {
    private static final List<String> SERVER_ALPN = List.of("h2");

    @Override
    public String network() {
        return "tcp";
    }

    @Override
    public Future<Channel> listen(ListenRequest r) {
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
                        if (r.security() != null) {
                            r.security().server(ch, r.settings().security(), SERVER_ALPN);
                        }
                        r.acceptor().carried(ch, (InetSocketAddress) ch.remoteAddress());
                    }
                });
        SocketSettings sockopt = r.settings().sockopt();
        if (sockopt.tcpFastOpen() != null && Transports.nativeEpoll()) {
            // 4.34 on Linux: a queue of 256 when enabled, 0 (off) when disabled
            sb.option(ChannelOption.TCP_FASTOPEN, sockopt.tcpFastOpen() ? 256 : 0);
        }
        Promise<Channel> result = ImmediateEventExecutor.INSTANCE.newPromise();
        ChannelFuture bound = sb.bind(at);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                r.log().info(0, "transport/internet/tcp", "listening TCP on " + ListenFailure.hostPort(at));
                result.setSuccess(bound.channel());
            } else {
                result.setFailure(ListenFailure.of("TCP", at, f.cause()));
            }
        });
        return result;
    }

    @Override
    public Future<Channel> dial(DialRequest r) {
        Future<Channel> raw = r.system().connect(r.loop(), r.target(), r.sendThrough(), r.policy(),
                r.settings().sockopt());
        if (r.security() == null) {
            return raw;
        }
        Promise<Channel> result = r.loop().newPromise();
        raw.addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
                return;
            }
            Channel ch = raw.getNow();
            r.security().client(ch, r.settings().security(), r.target(), List.of()).addListener(s -> {
                if (s.isSuccess()) {
                    result.trySuccess(ch);
                } else {
                    ch.close();
                    result.tryFailure(s.cause());
                }
            });
        });
        return result;
    }
}
