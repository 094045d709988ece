package dev.vtool.engine.socks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.ProxyServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
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
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * A UDP flow through a SOCKS5 server: UDP ASSOCIATE on a TCP control connection, then datagrams with the
 * SOCKS UDP header to the relay address the server announced. The flow ends when the control connection
 * closes or after {@code connIdle} without answers.
 */
final class SocksClientPackets implements PacketConnection {
    private final EngineContext context;
    private final Session session;
    private final PacketReceiver back;
    private final EventLoop loop;
    private final Queue<Object[]> waiting = new ArrayDeque<>();
    private Channel control;
    private Channel udp;
    private InetSocketAddress relay;
    private boolean closed;

    SocksClientPackets(EngineContext context, Session session, EventLoop loop, PacketReceiver back,
                       ProxyServer server, String sendThrough) {
        this.context = context;
        this.session = session;
        this.back = back;
        this.loop = loop;
        context.dialer().connect(loop, server.address(), server.port(), sendThrough, session.policy())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        fail("failed to find an available destination > " + f.cause().getMessage());
                        return;
                    }
                    control = (Channel) f.getNow();
                    SocksClientHandshake hs = new SocksClientHandshake(server,
                            new Destination(Network.UDP, "0.0.0.0", 0), SocksClientHandshake.UDP_ASSOCIATE);
                    control.pipeline().addLast("socks-client", hs);
                    control.closeFuture().addListener(x -> close());
                    hs.result().addListener(r -> {
                        if (!r.isSuccess()) {
                            fail("failed to establish connection to server > v2ray.com/core/proxy/socks: "
                                    + r.cause().getMessage());
                            return;
                        }
                        Destination b = hs.bound();
                        InetAddress addr = b.ipOrNull();
                        if (addr == null || addr.isAnyLocalAddress()) {
                            addr = ((InetSocketAddress) control.remoteAddress()).getAddress();
                        }
                        relay = new InetSocketAddress(addr, b.port());
                        openUdp();
                    });
                    control.config().setAutoRead(true);
                    hs.start(control);
                });
    }

    private void openUdp() {
        long idle = Math.max(1, session.policy().connIdle().toSeconds());
        new Bootstrap().group(loop).channel(Transports.datagramChannel()).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                context.dialer().countPackets(ch);
                ch.pipeline().addLast(new IdleStateHandler(idle, 0, 0, TimeUnit.SECONDS));
                ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        ByteBuf in = p.content();
                        try {
                            Destination from = SocksAddress.readUdpHeader(in);
                            if (from != null) {
                                back.received(new InetSocketAddress(from.host(), from.port()), in.retain());
                            }
                        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                            context.log().info(session.id(), "proxy/socks", "failed to read UDP response > "
                                    + e.getMessage());
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
        }).bind(new InetSocketAddress(((InetSocketAddress) control.localAddress()).getAddress(), 0))
                .addListener((io.netty.channel.ChannelFutureListener) f -> {
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
                "failed to process outbound traffic > v2ray.com/core/proxy/socks: " + why);
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
            waiting.add(new Object[] {destination, payload});
        } else {
            write(destination, payload);
        }
    }

    private void write(Destination destination, ByteBuf payload) {
        ByteBuf out = udp.alloc().buffer(payload.readableBytes() + 22);
        SocksAddress.writeUdpHeader(out, destination);
        out.writeBytes(payload);
        payload.release();
        udp.writeAndFlush(new DatagramPacket(out, relay));
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
        if (control != null) {
            control.close();
        }
    }
}
