package dev.vtool.engine.transport.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.ReferenceCountUtil;

/** The HTTP/2 connection codec both sides put on the TCP (or TLS) channel, with the windows a bulk relay needs. */
final class H2Codecs {
    /** Per-stream receive window: as large as Go's client offers, so one stream is not throttled to 64 KiB per RTT. */
    private static final int STREAM_WINDOW = 4 * 1024 * 1024;
    /** Connection receive window, shared by every stream of the connection. */
    private static final int CONNECTION_WINDOW = 64 * 1024 * 1024;
    /** A request or response head larger than this is a protocol error (Go's own limit is of the same order). */
    private static final long MAX_HEADER_LIST = 16 * 1024;
    /** Go's server allows this many concurrent streams; the client opens another connection beyond it. */
    static final int MAX_STREAMS = 250;

    private H2Codecs() {
    }

    static Http2FrameCodec server() {
        Http2Settings s = Http2Settings.defaultSettings().initialWindowSize(STREAM_WINDOW)
                .maxHeaderListSize(MAX_HEADER_LIST).maxConcurrentStreams(MAX_STREAMS);
        return Http2FrameCodecBuilder.forServer().initialSettings(s).build();
    }

    static Http2FrameCodec client() {
        Http2Settings s = Http2Settings.defaultSettings().initialWindowSize(STREAM_WINDOW)
                .maxHeaderListSize(MAX_HEADER_LIST).pushEnabled(false);
        return Http2FrameCodecBuilder.forClient().initialSettings(s).build();
    }

    /** Widens the connection's receive window once the codec is in the pipeline (it starts at 64 KiB). */
    static void widenConnectionWindow(Http2FrameCodec codec) {
        try {
            var local = codec.connection().local();
            var stream = codec.connection().connectionStream();
            int now = local.flowController().windowSize(stream);
            if (now < CONNECTION_WINDOW) {
                local.flowController().incrementWindowSize(stream, CONNECTION_WINDOW - now);
            }
        } catch (io.netty.handler.codec.http2.Http2Exception e) {
            // the window stays as it is: slower, still correct
        }
    }

    /** The last handler of a connection: whatever went wrong on it closes it; stray messages are released. */
    @ChannelHandler.Sharable
    static final class ConnectionErrors extends ChannelInboundHandlerAdapter {
        static final ConnectionErrors INSTANCE = new ConnectionErrors();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Streams the server opens towards a client (4.34 never does): refused by closing them. */
    @ChannelHandler.Sharable
    static final class RefusePushedStreams extends ChannelInboundHandlerAdapter {
        static final RefusePushedStreams INSTANCE = new RefusePushedStreams();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Adds the HTTP/2 codec once the TLS handshake has succeeded; a failed handshake closes the connection. */
    static final class AfterHandshake extends ChannelInboundHandlerAdapter {
        private final Runnable addCodecs;

        AfterHandshake(Runnable addCodecs) {
            this.addCodecs = addCodecs;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent done) {
                if (done.isSuccess()) {
                    ctx.pipeline().remove(this);
                    addCodecs.run();
                } else {
                    ctx.close();
                }
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }
}
