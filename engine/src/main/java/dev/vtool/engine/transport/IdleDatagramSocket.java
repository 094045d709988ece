package dev.vtool.engine.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The local UDP socket an outbound sends from itself (freedom, the DNS outbound): bound to any port, its
 * datagrams counted as the outbound's, every datagram it receives handed on, closed after {@code connIdle}
 * (at least a second) without traffic either way.
 */
public final class IdleDatagramSocket {
    private IdleDatagramSocket() {
    }

    /** @param received takes each datagram's sender and content (its own reference) */
    public static ChannelFuture bind(Dialer dialer, EventLoop loop, Duration connIdle, PacketReceiver received) {
        long idle = Math.max(1, connIdle.toSeconds());
        return new Bootstrap().group(loop).channel(Transports.datagramChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        dialer.countPackets(ch);
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS));
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                                received.received(p.sender(), p.content().retain());
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
}
