package dev.vtool.engine.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.TimeUnit;

/**
 * The stream over an upgraded websocket, as 4.34 (gorilla) carries it: each write is one binary message;
 * the payloads of all data frames, in order, are the stream (message boundaries mean nothing); pings are
 * answered. A Close frame from the peer ends the input (4.34 then fails its reads, which ends the
 * connection); closing the channel sends Close 1000 first. There is no half-close: 4.34 has none on ws,
 * and a Close frame would end the peer's whole connection, so the transport's output shutdown is a no-op
 * (the proxy protocol above, e.g. VMess's end chunk, already says where the stream ends).
 */
final class WebSocketStream extends ChannelDuplexHandler {
    /** How long a closing side may take to flush its Close frame before the socket is closed regardless. */
    private static final long CLOSE_FLUSH_MILLIS = 2_000;

    private boolean inputEnded;
    private boolean closeSent;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame
                || frame instanceof ContinuationWebSocketFrame) {
            if (inputEnded || !frame.content().isReadable()) {
                frame.release();
            } else {
                ctx.fireChannelRead(frame.content());
            }
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content()));
        } else if (frame instanceof CloseWebSocketFrame) {
            frame.release();
            endInput(ctx);
        } else {
            frame.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            endInput(ctx);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void endInput(ChannelHandlerContext ctx) {
        if (!inputEnded) {
            inputEnded = true;
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b && b.isReadable()) {
            ctx.write(new BinaryWebSocketFrame(b), promise);
        } else {
            ctx.write(msg, promise); // empty buffers (flush markers) and frames pass as they are
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closeSent || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        closeSent = true;
        var linger = ctx.executor().schedule(() -> {
            ctx.close(promise);
        }, CLOSE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> {
            if (linger.cancel(false)) {
                ctx.close(promise);
            }
        });
    }
}
