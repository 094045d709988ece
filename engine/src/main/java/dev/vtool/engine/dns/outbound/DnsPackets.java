package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.dns.DnsFailure;
import dev.vtool.engine.dns.DnsWire;
import dev.vtool.engine.dns.NameLookup;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
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

/**
 * One UDP flow through the DNS outbound: each datagram is one DNS message. A and AAAA questions are
 * answered here (TTL 600, as 4.34 answers them), the rest goes to the server from one local socket, opened
 * on first use, whose answers go back to the client. Used on one event loop.
 */
final class DnsPackets implements PacketConnection {
    private final DnsOutbound outbound;
    private final EngineContext context;
    private final Session session;
    private final EventLoop loop;
    private final PacketReceiver back;
    private ChannelFuture socket;
    private boolean closed;

    DnsPackets(DnsOutbound outbound, EngineContext context, Session session, EventLoop loop, PacketReceiver back) {
        this.outbound = outbound;
        this.context = context;
        this.session = session;
        this.loop = loop;
        this.back = back;
    }

    @Override
    public void send(Destination destination, ByteBuf payload) {
        if (closed) {
            payload.release();
            return;
        }
        DnsWire.Query q = outbound.ownLink(session) ? null : DnsWire.question(payload);
        if (q != null && (q.type() == DnsWire.TYPE_A || q.type() == DnsWire.TYPE_AAAA)) {
            payload.release();
            answer(destination, q);
            return;
        }
        forward(outbound.server(destination), payload);
    }

    private void answer(Destination destination, DnsWire.Query q) {
        NameLookup.Family family = q.type() == DnsWire.TYPE_A ? NameLookup.Family.IPV4 : NameLookup.Family.IPV6;
        context.names().lookup(q.name(), family, loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            List<InetAddress> ips = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
            int rcode = f.cause() instanceof DnsFailure d ? d.rcode() : 0;
            boolean empty = f.cause() instanceof DnsFailure d && d.kind() == DnsFailure.Kind.EMPTY;
            if (rcode == 0 && ips.isEmpty() && !empty) {
                // 4.34 writes no answer at all then; the client retries or times out
                context.log().info(session.id(), "proxy/dns", "ip query > "
                        + (f.cause() == null ? "no address" : f.cause().getMessage()));
                return;
            }
            if (closed) {
                return;
            }
            back.received(from(destination), DnsWire.answer(q.id(), q.name(), q.type(), rcode, ips));
        });
    }

    /** The address the client sent its query to, which its answer comes from. */
    private static InetSocketAddress from(Destination d) {
        InetAddress ip = d.ipOrNull();
        return ip != null ? new InetSocketAddress(ip, d.port()) : InetSocketAddress.createUnresolved(d.host(), d.port());
    }

    private void forward(Destination server, ByteBuf payload) {
        InetAddress ip = server.ipOrNull();
        if (ip != null) {
            write(new InetSocketAddress(ip, server.port()), payload);
            return;
        }
        context.dialer().resolver().resolve(server.host(), loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            List<InetAddress> all = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
            if (all.isEmpty()) {
                context.log().warning(session.id(), "proxy/dns", "failed to dial outbound connection > lookup "
                        + server.host() + " failed");
                payload.release();
            } else {
                write(new InetSocketAddress(all.get(0), server.port()), payload);
            }
        });
    }

    private void write(InetSocketAddress to, ByteBuf payload) {
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
                                    back.received(p.sender(), p.content().retain());
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
                s.channel().writeAndFlush(new DatagramPacket(payload, to));
            } else {
                payload.release();
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
