package dev.vtool.engine.http;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.schema.model.Account;
import dev.vtool.schema.protocol.http.HttpInboundSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads proxy requests: checks Basic credentials, turns CONNECT into a raw tunnel (answered with 200
 * before the outbound connects, as V2Ray does) and forwards absolute-URI requests one by one through
 * {@link HttpForwardLink}, keeping the client connection alive between them.
 */
final class HttpProxyHandler extends ChannelInboundHandlerAdapter {
    private static final String PKG = "proxy/http";
    private static final byte[] AUTH_REQUIRED = ("HTTP/1.1 407 Proxy Authentication Required\r\n"
            + "Proxy-Authenticate: Basic realm=\"proxy\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADERS_TOO_LARGE = ("HTTP/1.1 431 Request Header Fields Too Large\r\n"
            + "Connection: close\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_REQUEST = ("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTED = "HTTP/1.1 200 Connection established\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final HttpInboundSettings settings;
    private final EngineContext context;
    private final Session firstSession;
    private final String inboundTag;
    private HttpForwardLink current;
    private boolean first = true;

    HttpProxyHandler(HttpInboundSettings settings, EngineContext context, Session session, String inboundTag) {
        this.settings = settings;
        this.context = context;
        this.firstSession = session;
        this.inboundTag = inboundTag;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            request(ctx, req);
        } else if (msg instanceof HttpContent content) {
            if (current != null) {
                current.clientContent(content);
            } else {
                content.release();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void request(ChannelHandlerContext ctx, HttpRequest req) {
        HandshakeDeadline.clear(ctx.channel());
        Session session = first ? firstSession : new Session(EngineContext.newSessionId(), firstSession.source(),
                inboundTag, firstSession.accessFrom(), firstSession.policy());
        first = false;
        if (req.decoderResult().isFailure()
                && req.decoderResult().cause() instanceof io.netty.handler.codec.TooLongFrameException tooLong) {
            context.log().info(session.id(), PKG, "failed to read http request > request line or headers exceed "
                    + "policy.limits.httpMaxHeaderSize (a vtool limit) > " + tooLong.getMessage());
            ReferenceCountUtil.release(req);
            raw(ctx, HEADERS_TOO_LARGE);
            return;
        }
        if (req.decoderResult().isFailure()) {
            context.log().warning(session.id(), PKG, "failed to read http request > malformed HTTP request \""
                    + req.uri() + "\"");
            ReferenceCountUtil.release(req);
            ctx.close();
            return;
        }
        if (!settings.accounts().isEmpty() && !authorized(req.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION))) {
            ReferenceCountUtil.release(req);
            context.log().access(session.accessFrom(), false, "", "", "invalid user", "");
            raw(ctx, AUTH_REQUIRED);
            return;
        }
        context.log().info(session.id(), PKG, "request to Method [" + req.method() + "] Host [" + hostHeader(req)
                + "] with URL [" + req.uri() + "]");
        if (req.method().equals(HttpMethod.CONNECT)) {
            ReferenceCountUtil.release(req);
            connect(ctx, session, req.uri());
            return;
        }
        Destination dest = forwardDestination(req);
        if (dest == null) {
            ReferenceCountUtil.release(req);
            raw(ctx, BAD_REQUEST);
            return;
        }
        session.destination(dest);
        HttpForwardLink.prepare(req);
        session.attributes(attributes(req));
        current = new HttpForwardLink(ctx.channel(), req, session, context, this::forwardDone);
        ctx.channel().config().setAutoRead(false);
        context.dispatcher().dispatch(session, current);
    }

    /**
     * Called when a forwarded exchange is over; the client may send its next request, which (as in V2Ray)
     * must arrive within the handshake timeout.
     */
    private void forwardDone(HttpForwardLink link, boolean keepGoing) {
        if (current == link) {
            current = null;
        }
        if (inputShutdown && channel != null) {
            // the client sent FIN while this answer was under way: nothing more will come
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (keepGoing && channel != null && channel.isActive()) {
            HandshakeDeadline.arm(channel, firstSession.policy().handshake(), () -> { });
        }
    }

    private io.netty.channel.Channel channel;
    private boolean inputShutdown;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            inputShutdown = true;
            if (current == null) {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    private static String hostHeader(HttpRequest req) {
        String h = req.headers().get(HttpHeaderNames.HOST);
        return h == null ? "" : h;
    }

    private void connect(ChannelHandlerContext ctx, Session session, String authority) {
        Destination dest = parseAuthority(authority, 443);
        if (dest == null) {
            context.log().warning(session.id(), PKG, "malformed proxy host: " + authority);
            raw(ctx, BAD_REQUEST);
            return;
        }
        session.destination(dest);
        ctx.pipeline().firstContext().writeAndFlush(Unpooled.wrappedBuffer(CONNECTED));
        ChannelLink link = ChannelLink.takeOver(ctx.channel(), session.policy(),
                cause -> context.log().info(session.id(), PKG, "connection ends > " + cause.getMessage()));
        ctx.pipeline().remove("http-keepalive");
        ctx.pipeline().remove(this);
        ctx.pipeline().remove("http-codec");
        context.dispatcher().dispatch(session, link);
    }

    /** Absolute URI ⇒ its host; origin-form ⇒ the Host header, but only with {@code allowTransparent}. */
    /** 4.34's attributes of a forwarded request: method, path, and each header's first value by lower-cased name. */
    static java.util.Map<String, String> attributes(HttpRequest req) {
        java.util.Map<String, String> attrs = new java.util.HashMap<>();
        for (String name : req.headers().names()) {
            attrs.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), req.headers().get(name));
        }
        attrs.putIfAbsent("user-agent", ""); // 4.34 sets an empty User-Agent rather than Go's own
        attrs.put(":method", req.method().name().toUpperCase(java.util.Locale.ROOT));
        String uri = req.uri();
        String path;
        try {
            path = java.net.URI.create(uri).getPath();
        } catch (IllegalArgumentException e) {
            int q = uri.indexOf('?');
            path = q < 0 ? uri : uri.substring(0, q);
        }
        attrs.put(":path", path == null ? "" : path);
        return attrs;
    }

    private Destination forwardDestination(HttpRequest req) {
        try {
            URI uri = new URI(req.uri());
            if (uri.getHost() != null) {
                int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
                return Destination.tcp(uri.getHost(), port);
            }
        } catch (URISyntaxException e) {
            return null;
        }
        if (!settings.allowTransparent()) {
            return null;
        }
        String host = req.headers().get(HttpHeaderNames.HOST);
        return host == null ? null : parseAuthority(host, 80);
    }

    static Destination parseAuthority(String authority, int defaultPort) {
        String host = authority;
        int port = defaultPort;
        int colon = authority.lastIndexOf(':');
        if (colon > 0 && authority.indexOf(']') < colon) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            return null;
        }
        return Destination.tcp(host, port);
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String user = decoded.substring(0, colon);
        String pass = decoded.substring(colon + 1);
        for (Account a : settings.accounts()) {
            if (a.user().equals(user) && a.pass().equals(pass)) {
                return true;
            }
        }
        return false;
    }

    private static void raw(ChannelHandlerContext ctx, byte[] bytes) {
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        ctx.pipeline().firstContext().writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        context.log().info(firstSession.id(), PKG, "connection ends > " + cause.getMessage());
        ctx.close();
    }
}
