package dev.vtool.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Promise;

/**
 * The client side of a proxy protocol's greeting (HTTP CONNECT, SOCKS5): {@link #start} writes the first
 * bytes, the subclass decodes the answers and settles {@link #result}. A connection that closes or fails
 * before the answer fails the result, so the caller never waits forever.
 */
public abstract class ClientHandshake extends ByteToMessageDecoder {
    private Promise<Void> result;

    /** Succeeds when the proxy accepted the request; fails with the reason in V2Ray's words. */
    public final Promise<Void> result() {
        return result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        result = ctx.executor().newPromise();
    }

    /** Writes the opening request on the freshly connected channel. */
    public abstract void start(Channel ch);

    protected final void refuse(String why) {
        result.tryFailure(new IllegalStateException(why));
    }

    protected final void accept() {
        result.trySuccess(null);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.tryFailure(new IllegalStateException("EOF"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!result.tryFailure(cause)) {
            ctx.fireExceptionCaught(cause);
        }
    }
}
