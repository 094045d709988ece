package dev.vtool.engine.transport.tcp;

import dev.vtool.schema.transport.tcp.HttpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * TCP's {@code header: {type: "http"}} on one connection. Before its first bytes each side writes its
 * template (the client a request, the server a response); each side reads the other's head up to the
 * blank line (at most 8192 bytes) and passes on what follows. The server also checks the request: a head
 * that is too long or not HTTP gets 400, a path not among the configured ones 404, each then closed (as
 * 4.34 answers on close when it never wrote its own response).
 */
final class HttpHeaderCodec extends ChannelDuplexHandler {
    /** 4.34's limit on the head before the blank line. */
    static final int MAX_HEAD = 8192;
    private static final byte[] ENDING = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final HttpHeader config;
    private final boolean server;
    private ByteBuf head;
    private boolean headRead;
    private boolean headWritten;
    private boolean failed;

    HttpHeaderCodec(HttpHeader config, boolean server) {
        this.config = config;
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (headRead) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!(msg instanceof ByteBuf buf) || failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (head == null) {
            head = ctx.alloc().buffer(Math.min(MAX_HEAD + ENDING.length, Math.max(256, buf.readableBytes())));
        }
        int room = MAX_HEAD + ENDING.length - head.readableBytes();
        int take = Math.min(room, buf.readableBytes());
        int searchFrom = Math.max(0, head.readableBytes() - (ENDING.length - 1));
        head.writeBytes(buf, take);
        int end = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(ENDING), head.slice(searchFrom, head.readableBytes() - searchFrom));
        if (end < 0) {
            buf.release();
            if (head.readableBytes() >= MAX_HEAD + ENDING.length) {
                fail(ctx, HttpHeaderText.BAD_REQUEST);
            }
            return;
        }
        int headLength = searchFrom + end + ENDING.length;
        // bytes of this read past the blank line belong to the stream
        int surplus = head.readableBytes() - headLength;
        buf.readerIndex(buf.readerIndex() - surplus);
        String text = head.toString(0, headLength, StandardCharsets.ISO_8859_1);
        head.release();
        head = null;
        if (server) {
            HttpHeader.Response refusal = check(text);
            if (refusal != null) {
                buf.release();
                fail(ctx, refusal);
                return;
            }
        }
        headRead = true;
        if (buf.isReadable()) {
            ctx.fireChannelRead(buf);
        } else {
            buf.release();
        }
    }

    /** Null when the request is acceptable, else the answer 4.34 gives. */
    private HttpHeader.Response check(String text) {
        int eol = text.indexOf("\r\n");
        String[] parts = text.substring(0, eol).split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/") || parts[1].isEmpty()) {
            return HttpHeaderText.BAD_REQUEST;
        }
        String path = pathOf(parts[1]);
        if (path == null) {
            return HttpHeaderText.BAD_REQUEST;
        }
        return config.request().paths().contains(path) ? null : HttpHeaderText.NOT_FOUND;
    }

    /** The path of a request target as Go's URL.Path sees it (query dropped, absolute form reduced). */
    static String pathOf(String target) {
        String t = target;
        int q = t.indexOf('?');
        if (q >= 0) {
            t = t.substring(0, q);
        }
        if (!t.startsWith("/")) {
            int scheme = t.indexOf("://");
            if (scheme < 0) {
                return t.equals("*") ? "*" : null;
            }
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "" : t.substring(slash);
        }
        try {
            return java.net.URLDecoder.decode(t.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void fail(ChannelHandlerContext ctx, HttpHeader.Response answer) {
        failed = true;
        ctx.channel().config().setAutoRead(false);
        if (headWritten) {
            ctx.close();
            return;
        }
        headWritten = true;
        ctx.writeAndFlush(Unpooled.copiedBuffer(HttpHeaderText.response(answer), StandardCharsets.US_ASCII))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!headWritten && msg instanceof ByteBuf) {
            headWritten = true;
            String h = server ? HttpHeaderText.response(config.response()) : HttpHeaderText.request(config.request());
            ctx.write(Unpooled.copiedBuffer(h, StandardCharsets.US_ASCII), ctx.voidPromise());
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent && !headRead) {
            // the peer ended inside the head: nothing usable can follow
            if (server && !failed) {
                fail(ctx, HttpHeaderText.BAD_REQUEST);
            } else {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (head != null) {
            head.release();
            head = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handlerRemoved(ctx);
        super.channelInactive(ctx);
    }
}
