package dev.vtool.engine.transport;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * A UDP flow through a proxy server's UDP relay (Shadowsocks, SOCKS5 UDP ASSOCIATE): a socket of its own,
 * opened once the protocol knows the relay's address; datagrams sent before that wait in a bounded queue.
 * Each datagram goes out framed by the protocol; each answer is read by the protocol and handed back with
 * the source its header names. The flow ends on close, on a failure, or after connIdle without answers.
 * Runs on one event loop.
 */
public final class RelayedPackets implements PacketConnection {
    private static final int MAX_WAITING = 64;

    /** A protocol's datagram header (and sealing). */
    public interface Framing {
        /** One datagram to {@code to} as sent to the relay; does not release {@code payload}. */
        ByteBuf encode(ByteBufAllocator alloc, Destination to, ByteBuf payload) throws Exception;

        /** Reads one answer and hands it to {@code back} with its source (or drops it). */
        void decode(ByteBufAllocator alloc, ByteBuf in, PacketReceiver back) throws Exception;
    }

    private final EngineContext context;
    private final Session session;
    private final EventLoop loop;
    private final PacketReceiver back;
    private final String pkg;
    private final Framing framing;
    private final Queue<Object[]> waiting = new ArrayDeque<>();
    private Runnable onClose = () -> { };
    private InetSocketAddress relay;
    private Channel udp;
    private boolean closed;

    /** @param pkg the protocol's 4.34 package (e.g. {@code proxy/socks}), as its log lines name it */
    public RelayedPackets(EngineContext context, Session session, EventLoop loop, PacketReceiver back, String pkg,
                          Framing framing) {
        this.context = context;
        this.session = session;
        this.loop = loop;
        this.back = back;
        this.pkg = pkg;
        this.framing = framing;
    }

    /** Something to close with the flow (a SOCKS control connection). */
    public void onClose(Runnable r) {
        this.onClose = r;
    }

    /**
     * Opens the socket on {@code local} towards {@code relay}.
     *
     * @param relayOnly drop datagrams from anyone but the relay
     */
    public void open(InetSocketAddress relay, InetSocketAddress local, boolean relayOnly) {
        this.relay = relay;
        long idle = Math.max(1, session.policy().connIdle().toSeconds());
        new Bootstrap().group(loop).channel(Transports.datagramChannel()).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                context.dialer().countPackets(ch);
                ch.pipeline().addLast(new IdleStateHandler(idle, 0, 0, TimeUnit.SECONDS));
                ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        if (relayOnly && !p.sender().equals(relay)) {
                            return;
                        }
                        try {
                            framing.decode(ctx.alloc(), p.content(), back);
                        } catch (Exception e) {
                            context.log().info(session.id(), pkg, "failed to read UDP response > " + e.getMessage());
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
            for (Object[] w; (w = waiting.poll()) != null; ) {
                write((Destination) w[0], (ByteBuf) w[1]);
            }
        });
    }

    /** Logs why the flow cannot go on, as 4.34's outbound error, and closes it. */
    public void fail(String why) {
        context.log().warning(session.id(), "app/proxyman/outbound",
                "failed to process outbound traffic > v2ray.com/core/" + pkg + ": " + why);
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
            udp.writeAndFlush(new DatagramPacket(framing.encode(udp.alloc(), destination, payload), relay));
        } catch (Exception e) {
            context.log().info(session.id(), pkg, "failed to encode UDP packet > " + e.getMessage());
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
        for (Object[] w; (w = waiting.poll()) != null; ) {
            ((ByteBuf) w[1]).release();
        }
        if (udp != null) {
            udp.close();
        }
        onClose.run();
    }
}
