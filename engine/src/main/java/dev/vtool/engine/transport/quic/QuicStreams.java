package dev.vtool.engine.transport.quic;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/** The QUIC limits both sides share, matched to 4.34's quic-go settings. */
final class QuicStreams {
    /** 4.34's server accepts 32 concurrent bidirectional streams and no unidirectional ones. */
    static final int SERVER_STREAMS = 32;
    /** quic-go's effective idle timeout (client 30 s, server 45 s: the smaller wins). */
    static final long IDLE_SECONDS = 30;
    /** quic-go's handshake idle timeout. */
    static final long HANDSHAKE_MILLIS = 8_000;
    private static final long STREAM_WINDOW = 6L * 1024 * 1024;
    private static final long CONNECTION_WINDOW = 15L * 1024 * 1024;

    private QuicStreams() {
    }

    /** Windows like quic-go's maximums, connection IDs of 12 bytes, packets that fit 4.34's 2048-byte reads. */
    static <B extends QuicCodecBuilder<B>> B configure(B b, int protectionOverhead) {
        return b.maxIdleTimeout(IDLE_SECONDS, TimeUnit.SECONDS)
                .initialMaxData(CONNECTION_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW)
                .initialMaxStreamsUnidirectional(0)
                .localConnectionIdLength(12)
                .maxSendUdpPayloadSize(1350 - protectionOverhead)
                .maxRecvUdpPayloadSize(QuicPacketProtection.MAX_DATAGRAM);
    }

    /** Streams the peer opens where none are expected (the server never opens any): closed at once. */
    @ChannelHandler.Sharable
    static final class Refuse extends ChannelInboundHandlerAdapter {
        static final Refuse INSTANCE = new Refuse();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
