package dev.vtool.engine.transport.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

/**
 * The client's wait for the response head of its request stream: status 200 makes the stream carry the
 * connection; any other status, a reset or the stream's end fails the dial, as 4.34's does.
 */
final class H2StreamResponse extends ChannelInboundHandlerAdapter {
    private final Promise<Channel> result;

    H2StreamResponse(Promise<Channel> result) {
        this.result = result;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame headers)) {
            ReferenceCountUtil.release(msg);
            if (!result.isDone()) {
                fail(ctx, "response body before the response head");
            }
            return;
        }
        CharSequence status = headers.headers().status();
        if (status == null || !"200".contentEquals(status)) {
            fail(ctx, "unexpected status" + status);
            return;
        }
        Channel stream = ctx.channel();
        ctx.pipeline().remove(this);
        H2StreamBytes.install(stream, headers.isEndStream());
        result.trySuccess(stream);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!result.isDone()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        result.tryFailure(new java.io.IOException(why));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.tryFailure(new java.io.IOException("http2: stream closed before the response head"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.tryFailure(new java.io.IOException(cause.getMessage(), cause));
        ctx.close();
    }
}
