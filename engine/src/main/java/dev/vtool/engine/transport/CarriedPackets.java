package dev.vtool.engine.transport;

import dev.vtool.engine.Destination;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * UDP through a stream protocol's outbound (VMess, VLESS, Trojan): datagrams travel over connections the
 * protocol dials, either one per destination (framings without an address) or one for every destination
 * (framings that carry it). A connection is dialled on its first datagram; datagrams sent meanwhile wait in
 * a bounded queue. A connection idle for the level's connIdle is closed; a dead per-destination connection is
 * dialled again on the next datagram, while the end of a shared one ends the whole flow. Runs on one event
 * loop.
 */
public final class CarriedPackets implements PacketConnection {
    private static final int MAX_PENDING = 64;

    /** What a protocol adds: dialling, its request and codecs, and its datagram framing. */
    public interface Carrier {
        /** Dials a server as the protocol does (with its retries); hands over the channel, or null. */
        void dial(Consumer<Channel> done);

        /**
         * Puts the protocol's request (for datagrams, the first to {@code first}) and codecs on {@code ch}, then
         * {@code answers} last. Returns false when it could not (the connection is then closed).
         */
        boolean install(Channel ch, Destination first, ChannelHandler answers);

        /** One datagram to {@code to} as the connection's payload; takes ownership of {@code payload}. */
        Object frame(ByteBufAllocator alloc, Destination to, ByteBuf payload);

        /**
         * Reads the whole answers in {@code in} (leaving a partial one) and hands each to {@code back} with its
         * source: its own address, or {@code carried}, the connection's destination, when the framing has none.
         *
         * @throws IllegalArgumentException on a malformed frame (the connection is then closed)
         */
        void decode(ByteBuf in, Destination carried, PacketReceiver back);
    }

    private final Carrier carrier;
    private final boolean perDestination;
    private final long idleSeconds;
    private final EventLoop loop;
    private final PacketReceiver back;
    private final Map<Destination, Connection> connections = new HashMap<>();
    private boolean closed;

    /**
     * @param perDestination one connection per destination, else one for all
     * @param idleSeconds    how long a connection may be idle (the level's connIdle)
     */
    public CarriedPackets(Carrier carrier, boolean perDestination, long idleSeconds, EventLoop loop,
                          PacketReceiver back) {
        this.carrier = carrier;
        this.perDestination = perDestination;
        this.idleSeconds = Math.max(1, idleSeconds);
        this.loop = loop;
        this.back = back;
    }

    @Override
    public void send(Destination destination, ByteBuf payload) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(destination, payload));
            return;
        }
        if (closed) {
            payload.release();
            return;
        }
        Destination key = perDestination ? destination : null;
        Connection c = connections.get(key);
        if (c == null || c.dead) {
            c = new Connection(destination);
            connections.put(key, c);
            c.open();
        }
        c.send(destination, payload);
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
        closed = true;
        List.copyOf(connections.values()).forEach(Connection::close);
        connections.clear();
    }

    private static InetSocketAddress socketAddress(Destination d) {
        InetAddress ip = d.ipOrNull();
        return ip != null ? new InetSocketAddress(ip, d.port()) : InetSocketAddress.createUnresolved(d.host(), d.port());
    }

    /** One carrying connection; its handler reads the answers. */
    private final class Connection extends ByteToMessageDecoder {
        private final Destination first;
        private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
        private final PacketReceiver answers = (from, payload) -> {
            if (closed) {
                payload.release();
            } else {
                back.received(from, payload);
            }
        };
        private Channel channel;
        private boolean dead;

        Connection(Destination first) {
            this.first = first;
        }

        void open() {
            carrier.dial(ch -> {
                if (ch == null || dead) {
                    if (ch != null) {
                        ch.close();
                    }
                    close();
                    return;
                }
                ch.pipeline().addLast(new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
                if (!carrier.install(ch, first, this)) {
                    ch.close();
                    close();
                    return;
                }
                channel = ch;
                ch.closeFuture().addListener(x -> close());
                ch.config().setAutoRead(true);
                for (Object[] p; (p = pending.poll()) != null; ) {
                    ch.write(carrier.frame(ch.alloc(), (Destination) p[0], (ByteBuf) p[1]), ch.voidPromise());
                }
                ch.flush();
            });
        }

        void send(Destination to, ByteBuf payload) {
            if (channel != null) {
                channel.writeAndFlush(carrier.frame(channel.alloc(), to, payload), channel.voidPromise());
            } else if (pending.size() < MAX_PENDING) {
                pending.add(new Object[] {to, payload});
            } else {
                payload.release();
            }
        }

        void close() {
            dead = true;
            for (Object[] p; (p = pending.poll()) != null; ) {
                ((ByteBuf) p[1]).release();
            }
            if (channel != null) {
                channel.close();
            }
            if (!perDestination) {
                closed = true;
            }
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            try {
                carrier.decode(in, first, answers);
            } catch (IllegalArgumentException e) {
                in.skipBytes(in.readableBytes());
                ctx.close();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The source of answers on a per-destination connection: its destination. */
    public static InetSocketAddress source(Destination carried) {
        return socketAddress(carried);
    }
}
