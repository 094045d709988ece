package dev.vtool.engine.transport.domainsocket;

import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.SystemDialer;
import dev.vtool.engine.transport.Transports;
import dev.vtool.engine.transport.UnixSocketListener;
import io.netty.util.concurrent.Promise;
import dev.vtool.schema.transport.domainsocket.DomainSocketSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.IOException;
import java.util.List;

/**
 * {@code network: "domainsocket"} ({@code dsSettings}): streams over a unix socket, through Netty's
 * native epoll (Linux only, as 4.34's abstract names are). The listener ignores the inbound's address
 * and port and binds the path ({@link UnixSocketListener}). The security layer (tls) applies over the
 * socket as over TCP.
 */
public final class DomainSocketTransport implements StreamTransport {
    @Override
    public String network() {
        return "domainsocket";
    }

    @Override
    public Future<Channel> listen(ListenRequest r) {
        DomainSocketAddress at;
        try {
            at = DomainSocketPath.of((DomainSocketSettings) r.settings().transport());
        } catch (IllegalArgumentException e) {
            return ImmediateEventExecutor.INSTANCE.newFailedFuture(new IOException(e.getMessage()));
        }
        return UnixSocketListener.listen(r, at, List.of("h2"), "transport/internet/domainsocket", "domain socket",
                ch -> r.acceptor().carried(ch, UnixSocketListener.UNIX_SOURCE));
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
