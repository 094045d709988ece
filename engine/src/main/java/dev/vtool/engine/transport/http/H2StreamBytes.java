package dev.vtool.engine.transport.http;

import dev.vtool.engine.transport.OutputShutdown;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The carried stream on one HTTP/2 stream channel: DATA payloads in order are the bytes read, each write
 * becomes one DATA frame. The peer's END_STREAM ends the input ({@link ChannelInputShutdownEvent}), as the
 * request or response body's EOF does in 4.34; this side's output ends with an empty END_STREAM DATA frame
 * (a true half-close: the other direction keeps flowing). A reset from the peer closes the channel.
 */
final class H2StreamBytes extends ChannelDuplexHandler {
    private boolean inputEnded;
    private boolean outputEnded;

    /** Puts the handler on a stream channel whose headers are exchanged and says how its output ends. */
    static void install(Channel stream, boolean inputAlreadyEnded) {
        H2StreamBytes bytes = new H2StreamBytes();
        bytes.inputEnded = inputAlreadyEnded;
        stream.pipeline().addLast("h2-bytes", bytes);
        OutputShutdown.set(stream, ch -> ch.writeAndFlush(new EndOfStream()));
        if (inputAlreadyEnded) {
            stream.eventLoop().execute(() -> stream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            boolean end = data.isEndStream();
            if (inputEnded || !data.content().isReadable()) {
                data.release();
            } else {
                ctx.fireChannelRead(data.content());
            }
            if (end) {
                endInput(ctx);
            }
        } else if (msg instanceof Http2HeadersFrame headers) {
            if (headers.isEndStream()) { // trailers
                endInput(ctx);
            }
        } else if (msg instanceof Http2ResetFrame) {
            ctx.close();
        } else if (msg instanceof Http2StreamFrame) {
            ReferenceCountUtil.release(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void endInput(ChannelHandlerContext ctx) {
        if (!inputEnded) {
            inputEnded = true;
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof EndOfStream) {
            if (outputEnded) {
                promise.trySuccess();
                return;
            }
            outputEnded = true;
            ctx.write(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true), promise);
        } else if (msg instanceof ByteBuf b) {
            if (!b.isReadable()) {
                b.release();
                promise.trySuccess();
            } else if (outputEnded) {
                b.release();
                promise.tryFailure(new java.io.IOException("io: read/write on closed pipe"));
            } else {
                ctx.write(new DefaultHttp2DataFrame(b), promise);
            }
        } else {
            ctx.write(msg, promise);
        }
    }

    /** The marker {@link OutputShutdown} writes: end this side's half of the stream. */
    static final class EndOfStream {
    }
}
