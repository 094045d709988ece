package dev.vtool.engine.vless;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
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

/**
 * UDP through the vless outbound: one VLESS connection (command 2) per destination, as the framing has no
 * address; datagrams sent while it is dialed wait in a small bounded queue. Runs on one event loop.
 */
final class VlessPackets implements PacketConnection {
    private static final int MAX_PENDING = 64;

    private final VlessOutbound outbound;
    private final Session session;
    private final EventLoop loop;
    private final PacketReceiver back;
    private final Map<Destination, Flow> flows = new HashMap<>();
    private boolean closed;

    VlessPackets(VlessOutbound outbound, Session session, EventLoop loop, PacketReceiver back) {
        this.outbound = outbound;
        this.session = session;
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
        Flow f = flows.get(destination);
        if (f == null || f.dead) {
            f = new Flow(destination);
            flows.put(destination, f);
            f.open();
        }
        f.send(payload);
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
        flows.values().forEach(Flow::close);
        flows.clear();
    }

    /** One destination's VLESS connection. */
    private final class Flow extends ByteToMessageDecoder {
        private final Destination destination;
        private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
        private Channel channel;
        private boolean dead;

        Flow(Destination destination) {
            this.destination = destination;
        }

        void open() {
            outbound.connect(session, loop, 0, ch -> {
                if (ch == null || dead) {
                    if (ch != null) {
                        ch.close();
                    }
                    close();
                    return;
                }
                long idle = Math.max(1, session.policy().connIdle().toSeconds());
                ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS));
                outbound.install(session, ch, VlessRequest.UDP, destination);
                ch.pipeline().addLast("vless-packets", this);
                channel = ch;
                ch.closeFuture().addListener(x -> close());
                ch.config().setAutoRead(true);
                while (!pending.isEmpty()) {
                    ch.write(VlessUdpFrame.encode(ch.alloc(), pending.poll()), ch.voidPromise());
                }
                ch.flush();
            });
        }

        void send(ByteBuf payload) {
            if (channel != null) {
                channel.writeAndFlush(VlessUdpFrame.encode(channel.alloc(), payload), channel.voidPromise());
            } else if (pending.size() < MAX_PENDING) {
                pending.add(payload);
            } else {
                payload.release();
            }
        }

        void close() {
            dead = true;
            pending.forEach(ByteBuf::release);
            pending.clear();
            if (channel != null) {
                channel.close();
            }
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            VlessUdpFrame.decode(in, payload -> {
                if (closed) {
                    payload.release();
                    return;
                }
                InetAddress ip = destination.ipOrNull();
                back.received(ip != null ? new InetSocketAddress(ip, destination.port())
                        : InetSocketAddress.createUnresolved(destination.host(), destination.port()), payload);
            });
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
}
