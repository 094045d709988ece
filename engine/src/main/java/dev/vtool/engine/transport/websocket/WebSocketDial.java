package dev.vtool.engine.transport.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.util.concurrent.Promise;

/**
 * The client side of the upgrade on a connected channel (auto-read off): sends the handshaker's request,
 * reads until the response is whole, checks it (101, Upgrade, Connection, Sec-WebSocket-Accept) and leaves
 * the stream handler in place of the HTTP codec.
 */
final class WebSocketDial extends SimpleChannelInboundHandler<FullHttpResponse> {
    /** The response of a 4.34 server is a few hundred bytes; anything near this is not one. */
    private static final int MAX_RESPONSE = 16 * 1024;

    private final WebSocketClientHandshaker handshaker;
    private final Promise<Channel> result;

    private WebSocketDial(WebSocketClientHandshaker handshaker, Promise<Channel> result) {
        this.handshaker = handshaker;
        this.result = result;
    }

    static void start(Channel ch, WebSocketClientHandshaker handshaker, Promise<Channel> result) {
        ch.pipeline().addLast("ws-http", new HttpClientCodec(4096, 8192, 8192));
        ch.pipeline().addLast("ws-aggregate", new HttpObjectAggregator(MAX_RESPONSE));
        ch.pipeline().addLast("ws-dial", new WebSocketDial(handshaker, result));
        handshaker.handshake(ch).addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
                ch.close();
            } else {
                ch.read();
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (RuntimeException e) {
            result.tryFailure(new java.io.IOException("failed to dial WebSocket > " + e.getMessage(), e));
            ctx.close();
            return;
        }
        if (ctx.pipeline().get("ws-aggregate") != null) { // finishHandshake removes it in some Netty versions
            ctx.pipeline().remove("ws-aggregate");
        }
        ctx.pipeline().replace(this, "ws-stream", new WebSocketStream());
        result.trySuccess(ctx.channel());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!result.isDone()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.tryFailure(new java.io.IOException("failed to dial WebSocket > connection closed before the response"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.tryFailure(new java.io.IOException("failed to dial WebSocket > " + cause.getMessage(), cause));
        ctx.close();
    }
}
