package dev.vtool.engine.transport.domainsocket;

import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.SystemDialer;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.transport.domainsocket.DomainSocketSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code network: "domainsocket"} ({@code dsSettings}): streams over a unix socket, through Netty's
 * native epoll (Linux only, as 4.34's abstract names are). The listener ignores the inbound's address
 * and port and binds the path; a file path is guarded by an exclusive lock on {@code PATH.lock} as in
 * 4.34, and the socket file and the lock file are removed when the listener closes. The security layer
 * (tls) applies over the socket as over TCP.
 */
public final class DomainSocketTransport implements StreamTransport {
    /** A unix peer has no IP; the session sees this placeholder source (as 4.34 shows {@code @}). */
    private static final InetSocketAddress UNIX_SOURCE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Override
    public String network() {
        return "domainsocket";
    }

    @Override
    public Future<Channel> listen(ListenRequest r) {
        Promise<Channel> result = ImmediateEventExecutor.INSTANCE.newPromise();
        if (!Transports.nativeEpoll()) {
            return result.setFailure(new IOException("failed to listen domain socket > unix sockets need Netty's "
                    + "native epoll transport (Linux x86_64)"));
        }
        DomainSocketSettings ds = (DomainSocketSettings) r.settings().transport();
        DomainSocketAddress at;
        try {
            at = DomainSocketPath.of(ds);
        } catch (IllegalArgumentException e) {
            return result.setFailure(new IOException(e.getMessage()));
        }
        FileLock lock;
        try {
            lock = ds.abstractName() ? null : lock(ds.path());
        } catch (IOException e) {
            return result.setFailure(new IOException("failed to lock file: " + ds.path() + ".lock > " + e.getMessage()));
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
                        if (r.security() != null) {
                            r.security().server(ch, r.settings().security(), List.of("h2"));
                        }
                        r.acceptor().carried(ch, UNIX_SOURCE);
                    }
                });
        ChannelFuture bound = sb.bind(at);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                r.log().info(0, "transport/internet/domainsocket", "listening on " + DomainSocketPath.display(at));
                bound.channel().closeFuture().addListener(c -> release(ds, lock));
                result.setSuccess(bound.channel());
            } else {
                release(ds, lock);
                result.setFailure(new IOException("failed to listen domain socket > listen unix "
                        + DomainSocketPath.display(at) + ": bind: " + f.cause().getMessage(), f.cause()));
            }
        });
        return result;
    }

    private static FileLock lock(String path) throws IOException {
        FileChannel fc = FileChannel.open(Path.of(path + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = fc.tryLock();
        if (lock == null) {
            fc.close();
            throw new IOException("held by another process");
        }
        return lock;
    }

    /** As Go's unix listener: the socket file goes with the listener, and so does 4.34's lock file. */
    private static void release(DomainSocketSettings ds, FileLock lock) {
        if (lock == null) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(ds.path()));
            lock.release();
            lock.channel().close();
            Files.deleteIfExists(Path.of(ds.path() + ".lock"));
        } catch (IOException ignored) {
            // best effort, like 4.34's Release
        }
    }

    @Override
    public Future<Channel> dial(DialRequest r) {
        Promise<Channel> result = r.loop().newPromise();
        if (!Transports.nativeEpoll()) {
            return result.setFailure(new IOException("unix sockets need Netty's native epoll transport"));
        }
        DomainSocketAddress to;
        try {
            to = DomainSocketPath.of((DomainSocketSettings) r.settings().transport());
        } catch (IllegalArgumentException e) {
            return result.setFailure(new IOException(e.getMessage()));
        }
        Bootstrap b = new Bootstrap().group(r.loop()).channel(EpollDomainSocketChannel.class)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RECVBUF_ALLOCATOR, Transports.readAllocator())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, SystemDialer.waterMark(r.policy()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                });
        b.connect(to).addListener(f -> {
            ChannelFuture cf = (ChannelFuture) f;
            if (!cf.isSuccess()) {
                result.tryFailure(new IOException("dial unix " + DomainSocketPath.display(to) + ": connect: "
                        + cf.cause().getMessage()));
                return;
            }
            Channel ch = cf.channel();
            if (r.security() == null) {
                result.trySuccess(ch);
                return;
            }
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
