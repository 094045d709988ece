package dev.vtool.engine.transport.udp;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.ListenFailure;
import dev.vtool.engine.transport.TransparentSockets;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.transport.SocketSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The UDP socket of an inbound that also takes packets (socks with {@code udp}, dokodemo-door with
 * {@code udp} in its networks). As in 4.34 (its {@code udp} hub), this is not a stream transport: it
 * listens on the inbound's address and port whatever {@code streamSettings.network} says.
 */
public final class UdpListener {
    private UdpListener() {
    }

    /** Binds synchronously; the channel, or a failure worded as V2Ray's {@code failed to listen UDP on ...}. */
    public static Channel bind(EventLoopGroup workers, InetSocketAddress at, Consumer<DatagramChannel> init,
                               EngineLog log) throws ListenFailure {
        return bind(workers, at, SocketSettings.DEFAULT, false, init, log);
    }

    /**
     * The same with the inbound's socket options (as 4.34's hub applies them): IP_TRANSPARENT for
     * {@code tproxy}, SO_MARK, and IP_RECVORIGDSTADDR when {@code originalDestinations} (followRedirect),
     * so that each packet's recipient is where the client sent it.
     */
    public static Channel bind(EventLoopGroup workers, InetSocketAddress at, SocketSettings sockopt,
                               boolean originalDestinations, Consumer<DatagramChannel> init, EngineLog log)
            throws ListenFailure {
        ChannelFuture bound = new Bootstrap().group(workers).channel(Transports.datagramChannel())
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        TransparentSockets.onListener(ch, sockopt, log);
                        if (originalDestinations) {
                            TransparentSockets.receiveOriginalDestinations(ch, log);
                        }
                        init.accept(ch);
                    }
                }).bind(at).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw ListenFailure.of("UDP", at, bound.cause());
        }
        log.info(0, "transport/internet/udp", "listening UDP on " + ListenFailure.hostPort(at));
        return bound.channel();
    }
}
