package dev.vtool.engine.fallback;

import dev.vtool.engine.transport.Dialer;
import dev.vtool.engine.transport.SystemDialer;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.protocol.fallback.Fallback;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Opens the connection to a fallback's {@code dest} on the client's event loop: TCP through the plain
 * system dialer, or a unix socket. Like 4.34, up to 5 attempts, waiting 0, 100, 200, 300 ms between them.
 */
public final class FallbackDialer {
    private static final int ATTEMPTS = 5;
    private static final long STEP_MILLIS = 100;
    private final Dialer tcp;

    public FallbackDialer(Dialer tcp) {
        this.tcp = tcp;
    }

    public Future<Channel> dial(EventLoop loop, Fallback fb, LevelPolicy policy) {
        Promise<Channel> result = loop.newPromise();
        attempt(loop, fb, policy, 0, result);
        return result;
    }

    private void attempt(EventLoop loop, Fallback fb, LevelPolicy policy, int n, Promise<Channel> result) {
        Future<Channel> f = fb.unix() ? unix(loop, fb.dest(), policy) : tcp(loop, fb, policy);
        f.addListener(x -> {
            if (x.isSuccess()) {
                result.trySuccess(f.getNow());
            } else if (n + 1 < ATTEMPTS) {
                loop.schedule(() -> attempt(loop, fb, policy, n + 1, result), STEP_MILLIS * n, TimeUnit.MILLISECONDS);
            } else {
                result.tryFailure(x.cause());
            }
        });
    }

    private Future<Channel> tcp(EventLoop loop, Fallback fb, LevelPolicy policy) {
        int colon = fb.dest().lastIndexOf(':');
        String host = fb.dest().substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(fb.dest().substring(colon + 1));
        } catch (NumberFormatException e) {
            return loop.newFailedFuture(new java.net.ConnectException("dial tcp " + fb.dest() + ": unknown port"));
        }
        String family = fb.type();
        return tcp.connect(loop, host.isEmpty() ? "127.0.0.1" : host, port, null, policy,
                a -> family.equals("tcp") || family.equals("tcp4") == (a instanceof java.net.Inet4Address));
    }

    private static Future<Channel> unix(EventLoop loop, String path, LevelPolicy policy) {
        // Go reads a leading @ as the abstract namespace (a NUL first byte)
        String name = path.startsWith("@") ? "\0" + path.substring(1) : path;
        boolean epoll = Transports.nativeEpoll();
        Bootstrap b = new Bootstrap().group(loop)
                .channel(epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // the relay adds its handlers once connected
                    }
                });
        var mark = SystemDialer.waterMark(policy);
        if (mark != null) {
            b.option(ChannelOption.WRITE_BUFFER_WATER_MARK, mark);
        }
        SocketAddress remote = epoll ? new DomainSocketAddress(name) : UnixDomainSocketAddress.of(name);
        Promise<Channel> p = loop.newPromise();
        ChannelFuture cf = b.connect(remote);
        cf.addListener(f -> {
            if (f.isSuccess()) {
                p.trySuccess(cf.channel());
            } else {
                p.tryFailure(new java.net.ConnectException("dial unix " + path + ": connect: " + f.cause().getMessage()));
            }
        });
        return p;
    }
}
