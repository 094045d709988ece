package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * A UDP flow through a Shadowsocks server: a UDP socket of its own, each datagram sealed with a fresh
 * salt and sent to the server's port; answers are opened and handed back as coming from the address in
 * their header. The server's name is resolved without blocking; datagrams sent meanwhile wait in a small
 * bounded queue. The flow ends on close or after {@code connIdle} without answers.
 */
final class SsClientPackets implements PacketConnection {
    private static final int MAX_WAITING = 64;

    private final EngineContext context;
    private final Session session;
    private final EventLoop loop;
    private final PacketReceiver back;
    private final SsPacketCodec codec;
    private final Queue<Object[]> waiting = new ArrayDeque<>();
    private InetSocketAddress server;
    private Channel udp;
    private boolean closed;

    SsClientPackets(EngineContext context, Session session, EventLoop loop, PacketReceiver back,
                    ShadowsocksServer config, SsPacketCodec codec, String sendThrough) {
        this.context = context;
        this.session = session;
        this.loop = loop;
        this.back = back;
        this.codec = codec;
        context.dialer().resolver().resolve(config.address(), loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            List<InetAddress> ips = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
            if (ips.isEmpty()) {
                fail("failed to resolve " + config.address()
                        + (f.cause() == null ? "" : " > " + f.cause().getMessage()));
                return;
            }
            server = new InetSocketAddress(ips.get(0), config.port());
            open(sendThrough);
        });
    }

    private void open(String sendThrough) {
        long idle = Math.max(1, session.policy().connIdle().toSeconds());
        InetSocketAddress local = sendThrough != null && IpText.isIpLiteral(sendThrough)
                ? new InetSocketAddress(sendThrough, 0) : new InetSocketAddress(0);
        new Bootstrap().group(loop).channel(Transports.datagramChannel()).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                context.dialer().countPackets(ch);
                ch.pipeline().addLast(new IdleStateHandler(idle, 0, 0, TimeUnit.SECONDS));
                ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        if (!p.sender().equals(server)) {
                            return; // only the server speaks on this socket
                        }
                        try {
                            SsPacketCodec.Packet answer = codec.decode(p.content(), ctx.alloc());
                            Destination from = answer.address();
                            InetAddress ip = from.ipOrNull();
                            back.received(ip != null ? new InetSocketAddress(ip, from.port())
                                    : InetSocketAddress.createUnresolved(from.host(), from.port()), answer.payload());
                        } catch (SsException e) {
                            context.log().info(session.id(), ShadowsocksOutbound.PKG,
                                    "failed to read UDP response > " + e.getMessage());
                        }
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof IdleStateEvent) {
                            close();
                        }
                    }
                });
            }
        }).bind(local).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fail("failed to open UDP socket > " + f.cause().getMessage());
                return;
            }
            udp = f.channel();
            if (closed) {
                udp.close();
                return;
            }
            while (!waiting.isEmpty()) {
                Object[] w = waiting.poll();
                write((Destination) w[0], (ByteBuf) w[1]);
            }
        });
    }

    private void fail(String why) {
        context.log().warning(session.id(), "app/proxyman/outbound",
                "failed to process outbound traffic > v2ray.com/core/" + ShadowsocksOutbound.PKG + ": " + why);
        close();
    }

    @Override
    public void send(Destination destination, ByteBuf payload) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(destination, payload));
            return;
        }
        if (closed) {
            payload.release();
        } else if (udp == null) {
            if (waiting.size() < MAX_WAITING) {
                waiting.add(new Object[] {destination, payload});
            } else {
                payload.release();
            }
        } else {
            write(destination, payload);
        }
    }

    private void write(Destination destination, ByteBuf payload) {
        try {
            udp.writeAndFlush(new DatagramPacket(codec.encode(destination, payload, udp.alloc()), server));
        } catch (SsException e) {
            context.log().info(session.id(), ShadowsocksOutbound.PKG, "failed to encode UDP packet > " + e.getMessage());
        } finally {
            payload.release();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (!loop.inEventLoop()) {
            loop.execute(this::close);
            return;
        }
        if (closed) {
            return;
        }
        closed = true;
        while (!waiting.isEmpty()) {
            ((ByteBuf) waiting.poll()[1]).release();
        }
        if (udp != null) {
            udp.close();
        }
    }
}
