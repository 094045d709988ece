package dev.vtool.engine.transport.websocket;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * The server side of the upgrade, with 4.34's checks in its order: the path (percent-decoded, query
 * dropped) must equal the configured one (404), then {@code Connection: upgrade} and
 * {@code Upgrade: websocket} (400), method GET (405), version 13 and a key (400). A request the HTTP
 * decoder rejects (garbage, a header over the limit) gets 400 or 431. Each answer but 101 closes the
 * connection. On success the stream handler replaces this one and the connection is handed on, with the
 * first {@code X-Forwarded-For} address as its source when there is one.
 */
final class WebSocketUpgrade extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final String path;
    private final WebSocketDecoderConfig frames;
    private final BiConsumer<Channel, InetSocketAddress> upgraded;

    WebSocketUpgrade(String path, WebSocketDecoderConfig frames, BiConsumer<Channel, InetSocketAddress> upgraded) {
        this.path = path;
        this.frames = frames;
        this.upgraded = upgraded;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            refuse(ctx, req.decoderResult().cause() instanceof TooLongFrameException
                    ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST);
            return;
        }
        if (!path.equals(new QueryStringDecoder(req.uri()).path())) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND);
            return;
        }
        if (!req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        if (!HttpMethod.GET.equals(req.method())) {
            refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED);
            return;
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory("ws://vtool" + path, null, frames)
                .newHandshaker(req);
        if (handshaker == null || req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY, "").isEmpty()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        InetSocketAddress source = source(ctx.channel(), req.headers().get("X-Forwarded-For"));
        Channel ch = ctx.channel();
        handshaker.handshake(ch, req).addListener(f -> {
            if (!f.isSuccess()) {
                ch.close();
                return;
            }
            ch.pipeline().replace(this, "ws-stream", new WebSocketStream());
            upgraded.accept(ch, source);
        });
    }

    /** The first X-Forwarded-For entry when it is an IP literal, else the TCP peer. */
    private static InetSocketAddress source(Channel ch, String forwarded) {
        InetSocketAddress peer = dev.vtool.engine.transport.UnixSocketListener.source(ch);
        if (forwarded != null) {
            String first = forwarded.split(",", 2)[0].strip();
            byte[] ip = NetUtil.createByteArrayFromIpAddressString(first);
            if (ip != null) {
                try {
                    return new InetSocketAddress(InetAddress.getByAddress(ip), peer.getPort());
                } catch (java.net.UnknownHostException e) {
                    return peer;
                }
            }
        }
        return peer;
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
        byte[] body = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // before the upgrade nothing above listens: a broken request just ends the connection
    }
}
