package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The server over UDP: one local socket, bound on first use, closed after the level's connIdle. */
final class UdpUpstream implements DnsUpstream {
    private final EngineContext context;
    private final Session session;
    private final EventLoop loop;
    private final Answers answers;
    private ChannelFuture socket;
    private boolean closed;

    UdpUpstream(EngineContext context, Session session, EventLoop loop, Answers answers) {
        this.context = context;
        this.session = session;
        this.loop = loop;
        this.answers = answers;
    }

    @Override
    public void forward(Destination server, ByteBuf message) {
        InetAddress ip = server.ipOrNull();
        if (ip != null) {
            write(new InetSocketAddress(ip, server.port()), message);
            return;
        }
        context.dialer().resolver().resolve(server.host(), loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            List<InetAddress> all = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
            if (all.isEmpty()) {
                context.log().warning(session.id(), "proxy/dns", "failed to dial outbound connection > lookup "
                        + server.host() + " failed");
                message.release();
            } else {
                write(new InetSocketAddress(all.get(0), server.port()), message);
            }
        });
    }

    private void write(InetSocketAddress to, ByteBuf message) {
        if (closed) {
            message.release();
            return;
        }
        if (socket == null) {
            long idle = Math.max(1, session.policy().connIdle().toSeconds());
            socket = new Bootstrap().group(loop).channel(Transports.datagramChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            context.dialer().countPackets(ch);
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS));
                            ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                                    answers.received(p.sender(), p.content().retain());
                                }

                                @Override
                                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                    if (evt instanceof IdleStateEvent) {
                                        ctx.close();
                                    }
                                }
                            });
                        }
                    }).bind(0);
        }
        ChannelFuture s = socket;
        s.addListener(f -> {
            if (f.isSuccess() && s.channel().isActive()) {
                s.channel().writeAndFlush(new DatagramPacket(message, to));
            } else {
                message.release();
            }
        });
    }

    @Override
    public boolean isOpen() {
        return !closed && (socket == null || !socket.isDone() || socket.channel().isOpen());
    }

    @Override
    public void close() {
        closed = true;
        if (socket != null) {
            ChannelFuture s = socket;
            s.addListener(f -> s.channel().close());
        }
    }
}
