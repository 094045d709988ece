package dev.vtool.engine.http;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.BiConsumer;

/**
 * One forwarded HTTP exchange (absolute-URI request → origin-form request upstream → response back).
 * The request and its body are streamed to the outbound channel through an HTTP client codec, the
 * response is streamed back through the client's server codec; the upstream connection is used for this
 * one exchange ({@code Connection: close}) while the client connection stays alive for the next request.
 */
final class HttpForwardLink implements Link {
    private final Channel client;
    private final HttpRequest request;
    private final Session session;
    private final EngineContext context;
    private final BiConsumer<HttpForwardLink, Boolean> done;
    private final Queue<HttpContent> queued = new ArrayDeque<>();
    private Channel upstream;
    private boolean clientBodyDone;
    private boolean finished;

    HttpForwardLink(Channel client, HttpRequest request, Session session, EngineContext context,
                    BiConsumer<HttpForwardLink, Boolean> done) {
        this.client = client;
        this.request = request;
        this.session = session;
        this.context = context;
        this.done = done;
    }

    /** Rewrites a proxy request for the origin server: origin-form URI, no hop-by-hop headers. */
    static void prepare(HttpRequest req) {
        try {
            URI uri = new URI(req.uri());
            if (uri.getHost() != null) {
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                req.setUri(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
                if (!req.headers().contains(HttpHeaderNames.HOST)) {
                    req.headers().set(HttpHeaderNames.HOST, uri.getRawAuthority());
                }
            }
        } catch (URISyntaxException e) {
            // the caller validated the URI already
        }
        removeHopByHop(req.headers());
        req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }

    static void removeHopByHop(HttpHeaders h) {
        String connection = h.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            for (String name : connection.split(",")) {
                if (!name.isBlank()) {
                    h.remove(name.trim());
                }
            }
        }
        for (CharSequence name : new CharSequence[] {HttpHeaderNames.CONNECTION, "Proxy-Connection",
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, "Keep-Alive",
            HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE}) {
            h.remove(name);
        }
    }

    @Override
    public EventLoop eventLoop() {
        return client.eventLoop();
    }

    /** Body parts of the request from the client. */
    void clientContent(HttpContent content) {
        if (finished) {
            content.release();
            return;
        }
        if (content instanceof LastHttpContent) {
            clientBodyDone = true;
            // no pipelining: the next request is read only after this response is complete
            client.config().setAutoRead(false);
        }
        if (upstream == null) {
            queued.add(content);
        } else {
            upstream.writeAndFlush(content, upstream.voidPromise());
            if (!upstream.isWritable()) {
                client.config().setAutoRead(false);
            }
        }
    }

    void clientWritabilityChanged() {
        if (upstream != null && client.isWritable()) {
            upstream.config().setAutoRead(true);
        }
    }

    void clientClosed() {
        finish(false);
    }

    @Override
    public void relayTo(Channel outbound) {
        if (!eventLoop().inEventLoop()) {
            eventLoop().execute(() -> relayTo(outbound));
            return;
        }
        if (finished || !client.isActive()) {
            outbound.close();
            finish(false);
            return;
        }
        upstream = outbound;
        long idle = Math.max(1, session.policy().connIdle().toSeconds());
        outbound.pipeline().addLast("idle", new io.netty.handler.timeout.IdleStateHandler(0, 0, idle,
                java.util.concurrent.TimeUnit.SECONDS));
        outbound.pipeline().addLast("http-client", new HttpClientCodec());
        outbound.pipeline().addLast("http-response", new ResponseRelay());
        outbound.write(request, outbound.voidPromise());
        while (!queued.isEmpty()) {
            outbound.write(queued.poll(), outbound.voidPromise());
        }
        outbound.flush();
        outbound.config().setAutoRead(true);
        if (!clientBodyDone) {
            client.config().setAutoRead(true);
        }
    }

    @Override
    public void respondAndClose(ByteBuf raw) {
        if (!eventLoop().inEventLoop()) {
            eventLoop().execute(() -> respondAndClose(raw));
            return;
        }
        finish(false);
        client.pipeline().firstContext().writeAndFlush(raw).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close() {
        if (!eventLoop().inEventLoop()) {
            eventLoop().execute(this::close);
            return;
        }
        finish(false);
        client.close();
    }

    private void finish(boolean keepGoing) {
        if (finished) {
            return;
        }
        finished = true;
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
        ReferenceCountUtil.release(request);
        if (upstream != null) {
            upstream.close();
        }
        done.accept(this, keepGoing);
    }

    /** Streams the upstream response back to the client. */
    private final class ResponseRelay extends ChannelInboundHandlerAdapter {
        private boolean responseStarted;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (finished) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpResponse r) {
                responseStarted = true;
                removeHopByHop(r.headers());
            }
            if (msg instanceof HttpMessage m && m.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                context.log().warning(session.id(), "proxy/http", "failed to read response from "
                        + session.destination().host() + " > " + m.decoderResult().cause().getMessage());
                close();
                return;
            }
            boolean last = msg instanceof LastHttpContent;
            client.write(msg, client.voidPromise());
            if (last) {
                client.flush();
                finish(true);
                client.config().setAutoRead(true);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
            if (!client.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && !clientBodyDone) {
                client.config().setAutoRead(true);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
                close(); // nothing moved for connIdle
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!finished) {
                context.log().warning(session.id(), "proxy/http", "failed to read response from "
                        + session.destination().host() + " > " + (responseStarted ? "unexpected EOF" : "EOF"));
                close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            context.log().info(session.id(), "proxy/http", "connection ends > " + cause.getMessage());
            close();
        }
    }
}
