package dev.vtool.engine.trojan;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.wire.GluedHeaderEncoder;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * UDP through the trojan outbound: one Trojan connection (command 3) carries the datagrams of the flow to
 * every destination, each framed with its address; answers come back framed with their source. Dialed on
 * the first datagram; datagrams sent meanwhile wait in a small bounded queue. Runs on one event loop.
 */
final class TrojanPackets implements PacketConnection {
    private static final int MAX_PENDING = 64;

    private final TrojanOutbound outbound;
    private final Session session;
    private final EventLoop loop;
    private final PacketReceiver back;
    private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
    private Channel channel;
    private boolean dialing;
    private boolean closed;

    TrojanPackets(TrojanOutbound outbound, Session session, EventLoop loop, PacketReceiver back) {
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
        if (channel != null) {
            channel.writeAndFlush(TrojanUdpFrame.encode(channel.alloc(), destination, payload), channel.voidPromise());
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            payload.release();
            return;
        }
        pending.add(new Object[] {destination, payload});
        if (!dialing) {
            dialing = true;
            open(destination);
        }
    }

    private void open(Destination first) {
        outbound.connect(session, loop, 0, (server, ch) -> {
            if (ch == null || closed) {
                if (ch != null) {
                    ch.close();
                }
                close();
                return;
            }
            channel = ch;
            long idle = Math.max(1, session.policy().connIdle().toSeconds());
            ch.pipeline().addLast("trojan-idle", new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS));
            ch.pipeline().addLast("trojan-request", GluedHeaderEncoder.request(TrojanRequest.encode(ch.alloc(), server.key(),
                    TrojanRequest.UDP_ASSOCIATE, first)));
            ch.pipeline().addLast("trojan-packets", new Answers());
            ch.closeFuture().addListener(x -> close());
            ch.config().setAutoRead(true);
            while (!pending.isEmpty()) {
                Object[] p = pending.poll();
                ch.write(TrojanUdpFrame.encode(ch.alloc(), (Destination) p[0], (ByteBuf) p[1]), ch.voidPromise());
            }
            ch.flush();
        });
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
        while (!pending.isEmpty()) {
            ((ByteBuf) pending.poll()[1]).release();
        }
        if (channel != null) {
            channel.close();
        }
    }

    /** Decodes the server's framed answers and hands each to the receiver with its source. */
    private final class Answers extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            try {
                TrojanUdpFrame.decode(in, (from, payload) -> {
                    if (closed) {
                        payload.release();
                        return;
                    }
                    InetAddress ip = from.ipOrNull();
                    back.received(ip != null ? new InetSocketAddress(ip, from.port())
                            : InetSocketAddress.createUnresolved(from.host(), from.port()), payload);
                });
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
}
