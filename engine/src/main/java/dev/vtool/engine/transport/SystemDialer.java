package dev.vtool.engine.transport;

import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.transport.SocketSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Opens raw outgoing TCP connections (V2Ray's {@code DialSystem}): on the caller's event loop (no thread
 * hop for the relay), with auto-read off until the relay starts, half-closure allowed and the policy's
 * buffer as the write high-water mark, from {@code sendThrough} if configured. Names are resolved off the
 * event loop; the addresses are tried in turn like Go's dialer does.
 */
public final class SystemDialer {
    private static final int CONNECT_TIMEOUT_MILLIS = 16_000;
    private final Resolver resolver;

    public SystemDialer(Resolver resolver) {
        this.resolver = resolver;
    }

    public Resolver resolver() {
        return resolver;
    }

    /** Connects to the target: its given addresses in turn, else its host's, resolved and filtered. */
    public Future<Channel> connect(EventLoop loop, DialTarget target, String sendThrough, LevelPolicy policy,
                                   SocketSettings sockopt) {
        Promise<Channel> result = loop.newPromise();
        List<InetAddress> given = target.addresses();
        InetAddress literal = given == null ? literal(target.host()) : null;
        if (given != null || literal != null) {
            attempt(loop, given != null ? given : List.of(literal), 0, target.port(), sendThrough, policy, sockopt,
                    result, null);
            return result;
        }
        resolver.resolve(target.host(), loop).addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetAddress> all = ((List<InetAddress>) f.getNow()).stream().filter(target.family()).toList();
            if (all.isEmpty()) {
                result.tryFailure(new java.net.UnknownHostException("lookup " + target.host()
                        + ": no suitable address"));
                return;
            }
            attempt(loop, all, 0, target.port(), sendThrough, policy, sockopt, result, null);
        });
        return result;
    }

    /** Linux's SO_MARK (SOL_SOCKET 1, option 36); Netty's epoll has no named option for it. */
    private static final io.netty.channel.unix.IntegerUnixChannelOption SO_MARK =
            new io.netty.channel.unix.IntegerUnixChannelOption("SO_MARK", 1, 36);

    private void attempt(EventLoop loop, List<InetAddress> addresses, int index, int port, String sendThrough,
                         LevelPolicy policy, SocketSettings sockopt, Promise<Channel> result, Throwable last) {
        if (index >= Math.min(addresses.size(), 4)) {
            result.tryFailure(last != null ? last : new ConnectException("no address to dial"));
            return;
        }
        Bootstrap b = bootstrap(loop, policy);
        if (sockopt.mark() != 0 && Transports.nativeEpoll()) {
            // SO_MARK, as 4.34 sets it on Linux (needs CAP_NET_ADMIN; without it the connect fails)
            b.option(SO_MARK, sockopt.mark());
        }
        if (sockopt.tcpFastOpen() != null && Transports.nativeEpoll()) {
            b.option(ChannelOption.TCP_FASTOPEN_CONNECT, sockopt.tcpFastOpen());
        }
        TransparentSockets.onDial(b, sockopt);
        InetSocketAddress remote = new InetSocketAddress(addresses.get(index), port);
        ChannelFuture cf = sendThrough == null ? b.connect(remote)
                : b.connect(remote, new InetSocketAddress(literal(sendThrough), 0));
        cf.addListener(f -> {
            if (f.isSuccess()) {
                if (!result.trySuccess(cf.channel())) {
                    cf.channel().close();
                }
            } else {
                attempt(loop, addresses, index + 1, port, sendThrough, policy, sockopt, result,
                        describe(remote, f.cause()));
            }
        });
    }

    /** Go's wording: {@code dial tcp 127.0.0.1:1: connect: connection refused}. */
    private static Throwable describe(InetSocketAddress remote, Throwable cause) {
        String m = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        String what = lower.contains("refused") ? "connection refused"
                : lower.contains("timed out") ? "i/o timeout"
                : lower.contains("unreachable") ? "network is unreachable" : m;
        String addr = remote.getAddress().getHostAddress();
        addr = addr.contains(":") ? "[" + addr + "]" : addr;
        return new ConnectException("dial tcp " + addr + ":" + remote.getPort() + ": connect: " + what);
    }

    /** The client bootstrap every outgoing TCP connection uses. */
    public static Bootstrap bootstrap(EventLoop loop, LevelPolicy policy) {
        Bootstrap b = new Bootstrap().group(loop).channel(Transports.socketChannel())
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RECVBUF_ALLOCATOR, Transports.readAllocator())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // transports and outbounds add their handlers after the connection is up
                    }
                });
        WriteBufferWaterMark mark = waterMark(policy);
        if (mark != null) {
            b.option(ChannelOption.WRITE_BUFFER_WATER_MARK, mark);
        }
        return b;
    }

    /** V2Ray buffers {@code bufferSize} per direction; the write high-water mark is Netty's equivalent. */
    public static WriteBufferWaterMark waterMark(LevelPolicy policy) {
        long size = policy.bufferSize();
        if (size < 0) {
            return new WriteBufferWaterMark(Integer.MAX_VALUE / 2, Integer.MAX_VALUE);
        }
        int high = (int) Math.max(size, 32 * 1024);
        return new WriteBufferWaterMark(high / 2, high);
    }

    private static InetAddress literal(String host) {
        if (host == null || !IpText.isIpLiteral(host)) {
            return null;
        }
        try {
            return InetAddress.getByName(IpText.stripBrackets(host));
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
