package dev.vtool.engine.transport.http;

import dev.vtool.schema.transport.http.HttpSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/**
 * The server's check of one request stream, as 4.34's handler makes it: {@code :authority} must equal one
 * of the {@code host} entries exactly and the decoded path must start with the normalised {@code path}
 * (a prefix match, unlike ws), else {@code 404} and the stream ends. On success the response headers
 * ({@code 200}, {@code cache-control: no-store}) go out at once and the stream carries the connection.
 */
final class H2StreamRequest extends ChannelInboundHandlerAdapter {
    private final HttpSettings settings;
    private final BiConsumer<Channel, InetSocketAddress> carried;
    private boolean answered;

    H2StreamRequest(HttpSettings settings, BiConsumer<Channel, InetSocketAddress> carried) {
        this.settings = settings;
        this.carried = carried;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (answered || !(msg instanceof Http2HeadersFrame frame)) {
            ReferenceCountUtil.release(msg); // a body before the headers, or after a refusal: nothing to carry it
            return;
        }
        answered = true;
        Http2Headers h = frame.headers();
        CharSequence authority = h.authority();
        CharSequence path = h.path();
        if (!matches(authority, path)) {
            Http2Headers notFound = new DefaultHttp2Headers().status("404");
            notFound.set("content-length", "0");
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(notFound, true)).addListener(f -> ctx.close());
            return;
        }
        Http2Headers ok = new DefaultHttp2Headers().status("200");
        ok.set("cache-control", "no-store");
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(ok, false));
        Channel stream = ctx.channel();
        InetSocketAddress source = source(stream, h.get("x-forwarded-for"));
        ctx.pipeline().remove(this);
        H2StreamBytes.install(stream, frame.isEndStream());
        carried.accept(stream, source);
    }

    private boolean matches(CharSequence authority, CharSequence path) {
        if (authority == null || path == null || !settings.effectiveHosts().contains(authority.toString())) {
            return false;
        }
        String decoded;
        try {
            decoded = new QueryStringDecoder(path.toString()).path();
        } catch (IllegalArgumentException e) {
            return false; // Go refuses a malformed escape before the handler sees the request
        }
        return decoded.startsWith(settings.normalizedPath());
    }

    /** The first X-Forwarded-For entry when it is an IP literal (port 0, as 4.34 has it), else the TCP peer. */
    private static InetSocketAddress source(Channel stream, CharSequence forwarded) {
        InetSocketAddress peer = (InetSocketAddress) stream.parent().remoteAddress();
        if (forwarded != null) {
            byte[] ip = NetUtil.createByteArrayFromIpAddressString(forwarded.toString().split(",", 2)[0].strip());
            if (ip != null) {
                try {
                    return new InetSocketAddress(InetAddress.getByAddress(ip), 0);
                } catch (java.net.UnknownHostException e) {
                    return peer;
                }
            }
        }
        return peer;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // before the stream is carried nothing above listens
    }
}
