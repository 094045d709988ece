package dev.vtool.engine.vmess.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * UDP through the vmess outbound: one VMess connection (command 2) per destination, each datagram one
 * chunk. Datagrams sent while the connection is being dialed wait in a small bounded queue. Runs on
 * one event loop.
 */
final class VmessPackets implements PacketConnection {
    private static final int MAX_PENDING = 64;

    private final VmessOutbound outbound;
    private final Session session;
    private final EventLoop loop;
    private final PacketReceiver back;
    private final Map<Destination, Flow> flows = new HashMap<>();
    private boolean closed;

    VmessPackets(VmessOutbound outbound, Session session, EventLoop loop, PacketReceiver back) {
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

    /** One destination's VMess connection. */
    private final class Flow extends ChannelInboundHandlerAdapter {
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
                try {
                    long idle = Math.max(1, session.policy().connIdle().toSeconds());
                    ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS));
                    outbound.install(session, ch, RequestCommand.UDP, destination, this);
                } catch (VmessException e) {
                    ch.close();
                    close();
                    return;
                }
                channel = ch;
                ch.closeFuture().addListener(x -> close());
                ch.config().setAutoRead(true);
                while (!pending.isEmpty()) {
                    ch.write(pending.poll(), ch.voidPromise());
                }
                ch.flush();
            });
        }

        void send(ByteBuf payload) {
            if (channel != null) {
                channel.writeAndFlush(payload, channel.voidPromise());
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
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b && !closed) {
                java.net.InetAddress ip = destination.ipOrNull();
                InetSocketAddress from = ip != null ? new InetSocketAddress(ip, destination.port())
                        : InetSocketAddress.createUnresolved(destination.host(), destination.port());
                back.received(from, b);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
