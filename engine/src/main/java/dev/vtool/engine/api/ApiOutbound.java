package dev.vtool.engine.api;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.schema.model.ApiSettings;
import dev.vtool.engine.transport.SystemDialer;
import dev.vtool.engine.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The outbound under the {@code api} tag (4.34's commander outbound): routing sends API connections here,
 * and they are relayed to the gRPC server, which listens on a unix socket in a private directory (or, without
 * native epoll, an ephemeral loopback port). No gRPC class is touched here, so a config without {@code api}
 * never loads gRPC.
 */
public final class ApiOutbound implements OutboundHandler {
    private final ApiSettings settings;
    private final EngineContext context;
    /** A {@link DomainSocketAddress} or a loopback {@link InetSocketAddress}; null until the server listens. */
    private volatile SocketAddress server;

    public ApiOutbound(ApiSettings settings, EngineContext context) {
        this.settings = settings;
        this.context = context;
    }

    public ApiSettings settings() {
        return settings;
    }

    /** Set once the gRPC server listens. */
    void server(SocketAddress address) {
        this.server = address;
    }

    @Override
    public void dispatch(Session session, Link link) {
        SocketAddress to = server;
        if (to == null) {
            link.close();
            return;
        }
        if (to instanceof DomainSocketAddress unix) {
            new Bootstrap().group(link.eventLoop()).channel(EpollDomainSocketChannel.class)
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, Transports.readAllocator())
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, SystemDialer.waterMark(session.policy()))
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(unix).addListener(f -> relay(session, link, f.isSuccess() ? ((ChannelFuture) f).channel()
                            : null, f.cause()));
            return;
        }
        InetSocketAddress tcp = (InetSocketAddress) to;
        context.dialer().connect(link.eventLoop(), tcp.getAddress().getHostAddress(), tcp.getPort(), null,
                session.policy()).addListener(f -> relay(session, link, f.isSuccess() ? (Channel) f.getNow() : null,
                        f.cause()));
    }

    private void relay(Session session, Link link, Channel channel, Throwable cause) {
        if (channel != null) {
            link.relayTo(channel);
        } else {
            context.log().warning(session.id(), "app/commander", "failed to reach the API server > "
                    + (cause == null ? "closed" : cause.getMessage()));
            link.close();
        }
    }
}
