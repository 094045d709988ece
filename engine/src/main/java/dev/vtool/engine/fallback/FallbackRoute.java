package dev.vtool.engine.fallback;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.schema.protocol.fallback.Fallback;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Sends a connection that is not the inbound's protocol to its fallback: picks the entry by the
 * negotiated ALPN and the request path of the first read, dials its {@code dest}, writes a PROXY header
 * when {@code xver} asks for one, then relays the first read and everything after it verbatim both ways.
 * The caller's decoder must not have consumed the first read: it is removed here, and its cumulated
 * bytes flow into the relay.
 */
public final class FallbackRoute {
    private final EngineContext context;
    private final FallbackTable table;
    private final FallbackDialer dialer;
    private final String pkg;

    /** @param pkg the inbound's package path in log lines, e.g. {@code proxy/trojan} */
    public FallbackRoute(EngineContext context, FallbackTable table, String pkg) {
        this.context = context;
        this.table = table;
        this.dialer = new FallbackDialer(new dev.vtool.engine.transport.Dialer(context.dialer().resolver()));
        this.pkg = pkg;
    }

    public boolean configured() {
        return !table.isEmpty();
    }

    /**
     * @param decoder the inbound decoder's context (it is removed from the pipeline)
     * @param first   the first read, unconsumed, still in the decoder's cumulation
     * @param why     why this is not the inbound's protocol (for the log)
     */
    public void start(ChannelHandlerContext decoder, Session session, ByteBuf first, String why) {
        Channel ch = decoder.channel();
        HandshakeDeadline.clear(ch);
        context.log().info(session.id(), pkg, "fallback starts > v2ray.com/core/" + pkg + ": " + why);
        String alpn = negotiatedAlpn(ch);
        context.log().info(session.id(), pkg, "realAlpn = " + alpn);
        Fallback fb;
        try {
            fb = table.choose(alpn, first);
        } catch (FallbackTable.NoFallback e) {
            context.log().warning(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + pkg + ": " + e.getMessage());
            first.skipBytes(first.readableBytes());
            ch.close();
            return;
        }
        ChannelLink link = ChannelLink.takeOver(ch, session.policy(), cause -> context.log().info(session.id(),
                "app/proxyman/inbound", "connection ends > v2ray.com/core/" + pkg + ": fallback ends > " + cause.getMessage()));
        decoder.pipeline().remove(decoder.handler());
        InetSocketAddress local = inet(ch.localAddress());
        dialer.dial(ch.eventLoop(), fb, session.policy()).addListener(f -> {
            if (!f.isSuccess()) {
                context.log().warning(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + pkg
                        + ": failed to dial to " + fb.dest().replace("\0", "") + " > " + f.cause().getMessage());
                link.close();
                return;
            }
            Channel server = (Channel) f.getNow();
            if (fb.xver() != 0 && session.source() != null && local != null) {
                server.write(ProxyHeader.encode(server.alloc(), fb.xver(), session.source(), local), server.voidPromise());
            }
            link.relayTo(server);
        });
    }

    /** The ALPN the TLS layer of this connection negotiated; "" without TLS (also over ws) or without ALPN. */
    static String negotiatedAlpn(Channel ch) {
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls == null) {
            return "";
        }
        String p = tls.applicationProtocol();
        if (p == null) {
            // an engine whose ALPN is chosen by a selector rather than Netty's config answers only itself
            p = tls.engine().getApplicationProtocol();
        }
        return p == null ? "" : p;
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }
}
