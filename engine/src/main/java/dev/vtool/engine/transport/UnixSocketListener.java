package dev.vtool.engine.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * A listening unix socket (Netty's native epoll), for an inbound whose {@code listen} is a socket path and
 * for the domainsocket transport. As 4.34: a file path is guarded by an exclusive lock on
 * {@code PATH.lock}; an abstract name ({@code @name}, NUL first) needs none; {@code @@name} is an abstract
 * name padded with NULs to the full 108 bytes of {@code sun_path}. The socket file and the lock file
 * are removed when the listener closes (Go's unix listener unlinks its file too).
 */
public final class UnixSocketListener {
    private static final int SUN_PATH = 108;
    /** A unix peer has no IP: sessions see this placeholder source. */
    public static final InetSocketAddress UNIX_SOURCE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private UnixSocketListener() {
    }

    /** The socket address for an inbound's {@code listen} value ({@code /path}, {@code @name}, {@code @@name}). */
    public static DomainSocketAddress fromListen(String listen) {
        if (listen.startsWith("@@")) {
            return abstractName(listen.substring(2), true);
        }
        if (listen.startsWith("@")) {
            return abstractName(listen.substring(1), false);
        }
        return new DomainSocketAddress(listen);
    }

    public static DomainSocketAddress abstractName(String name, boolean padded) {
        StringBuilder b = new StringBuilder("\0").append(name);
        while (padded && b.length() < SUN_PATH) {
            b.append('\0');
        }
        return new DomainSocketAddress(b.toString());
    }

    /** How logs name it: {@code @} for the leading NUL, padding left out. */
    public static String display(DomainSocketAddress a) {
        String p = a.path();
        return p.startsWith("\0") ? "@" + p.substring(1).replace("\0", "") : p;
    }

    /** The client of an accepted connection as the session sees it: the PROXY header's, the socket's, or for unix peers a placeholder. */
    public static InetSocketAddress source(Channel ch) {
        InetSocketAddress proxied = ProxyProtocolDecoder.source(ch);
        if (proxied != null) {
            return proxied;
        }
        SocketAddress a = ch.remoteAddress();
        return a instanceof InetSocketAddress i ? i : UNIX_SOURCE;
    }

    /**
     * Binds {@code at}; each accepted connection is admitted, gets the security layer and then {@code carry}.
     *
     * @param logWhat what the listening line says ({@code Unix Domain Socket}, 4.34's words)
     */
    public static Future<Channel> listen(ListenRequest r, DomainSocketAddress at, List<String> serverAlpn,
                                         String logCategory, String logWhat, Consumer<Channel> carry) {
        Promise<Channel> result = ImmediateEventExecutor.INSTANCE.newPromise();
        if (!Transports.nativeEpoll()) {
            return result.setFailure(new IOException("failed to listen " + logWhat + " on " + display(at)
                    + " > unix sockets need Netty's native epoll transport (Linux)"));
        }
        boolean file = !at.path().startsWith("\0");
        FileLock lock;
        try {
            lock = file ? lock(at.path()) : null;
        } catch (IOException e) {
            return result.setFailure(new IOException("failed to lock file: " + at.path() + ".lock > " + e.getMessage()));
        }
        ServerBootstrap sb = new ServerBootstrap().group(r.boss(), r.workers()).channel(EpollServerDomainSocketChannel.class)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.RECVBUF_ALLOCATOR, Transports.readAllocator())
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
                        if (TcpListener.acceptsProxyProtocol(r.settings())) {
                            ch.pipeline().addLast("proxy-protocol", new ProxyProtocolDecoder(layers, r.policy().handshake(),
                                    r.settings().transport() instanceof dev.vtool.schema.transport.websocket.WebSocketSettings
                                            ? ProxyProtocolDecoder.HTTP_BAD_REQUEST : null));
                        } else {
                            layers.accept(ch);
                        }
                    }
                });
        ChannelFuture bound = sb.bind(at);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                r.log().info(0, logCategory, "listening " + logWhat + " on " + display(at));
                bound.channel().closeFuture().addListener(c -> release(at, lock));
                result.setSuccess(bound.channel());
            } else {
                release(at, lock);
                result.setFailure(new IOException("failed to listen " + logWhat + " on " + display(at)
                        + " > listen unix " + display(at) + ": bind: " + f.cause().getMessage(), f.cause()));
            }
        });
        return result;
    }

    private static FileLock lock(String path) throws IOException {
        FileChannel fc = FileChannel.open(Path.of(path + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = fc.tryLock();
            if (lock == null) {
                throw new IOException("held by another process");
            }
            return lock;
        } catch (IOException | RuntimeException e) {
            fc.close();
            throw e;
        }
    }

    private static void release(DomainSocketAddress at, FileLock lock) {
        if (lock == null) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(at.path()));
            lock.release();
            lock.channel().close();
            Files.deleteIfExists(Path.of(at.path() + ".lock"));
        } catch (IOException ignored) {
            // best effort, like 4.34's Release
        }
    }
}
