package dev.vtool.engine.dokodemo;

import dev.vtool.engine.Destination;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * The answers of one transparently proxied UDP flow: a socket with IP_TRANSPARENT bound to the address
 * the client sent to (not one of this host's) and connected to the client, so that answers carry that
 * source. Datagrams the client sends afterwards may arrive on this socket (the kernel prefers a connected
 * socket); they go on into the flow. Needs CAP_NET_ADMIN; without it the flow's answers are dropped and
 * the failure is logged, as 4.34 ends such a flow.
 */
final class TransparentReply implements PacketReceiver {
    private final ChannelFuture socket;
    private final InetSocketAddress client;
    private PacketConnection flow;
    private Destination flowDestination;

    TransparentReply(EventLoop loop, InetSocketAddress original, InetSocketAddress client, EngineLog log, int session) {
        this.client = client;
        Bootstrap b = new Bootstrap().group(loop).channel(Transports.datagramChannel())
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        if (flow != null) {
                            flow.send(flowDestination, p.content().retain());
                        }
                    }
                });
        if (Transports.nativeEpoll()) {
            b.option(EpollChannelOption.IP_TRANSPARENT, true).option(EpollChannelOption.SO_REUSEPORT, true);
        }
        this.socket = b.connect(client, original);
        socket.addListener(f -> {
            if (!f.isSuccess()) {
                log.info(session, "proxy/dokodemo", "connection ends > failed to bind source address to "
                        + original + " > " + f.cause().getMessage());
            }
        });
    }

    /** Where datagrams that arrive on the transparent socket go. */
    void forwardTo(PacketConnection flow, Destination destination) {
        this.flow = flow;
        this.flowDestination = destination;
    }

    @Override
    public void received(InetSocketAddress from, ByteBuf payload) {
        if (socket.isDone()) {
            write(payload);
        } else {
            socket.addListener(f -> write(payload));
        }
    }

    private void write(ByteBuf payload) {
        if (!socket.isSuccess() || !socket.channel().isActive()) {
            payload.release();
            return;
        }
        socket.channel().writeAndFlush(new DatagramPacket(payload, client));
    }

    void close() {
        socket.channel().close();
    }
}
