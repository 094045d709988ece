package dev.vtool.engine.transport.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.Mapping;
import io.netty.util.concurrent.Future;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/**
 * Picks the certificate by SNI, then runs the server handshake with Go's ALPN choice; a failed handshake
 * (garbage, a cut ClientHello, no common protocol) closes the connection. The JDK's engine takes Go's
 * choice as a selector; OpenSSL's picks the same protocol from its context's list, so here only the
 * ClientHello that Go would refuse is refused, with the alert Go sends.
 */
final class GoSniHandler extends SniHandler {
    /** Largest ClientHello accepted while looking for the SNI (Go's record limit is 16 KiB). */
    private static final int MAX_CLIENT_HELLO = 16 * 1024 + 5;
    /** A TLS 1.2-framed fatal alert no_application_protocol (120). */
    private static final byte[] NO_APPLICATION_PROTOCOL = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x78};

    private final List<String> alpn;

    GoSniHandler(Mapping<String, SslContext> certificates, List<String> alpn) {
        super(certificates, MAX_CLIENT_HELLO, 0);
        this.alpn = alpn;
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) throws Exception {
        if (clientHello != null && TlsProviders.provider() != SslProvider.JDK && !alpn.isEmpty()) {
            List<String> offered = ClientHelloAlpn.offered(clientHello);
            if (GoAlpn.choose(alpn, offered) == null) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(NO_APPLICATION_PROTOCOL)).addListener(ChannelFutureListener.CLOSE);
                return ctx.executor().newFailedFuture(new SSLHandshakeException(
                        "no application protocol in common (client offered " + offered + ", server " + alpn + ")"));
            }
        }
        return super.lookup(ctx, clientHello);
    }

    @Override
    protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
        SslHandler h = super.newSslHandler(context, allocator);
        if (TlsProviders.provider() == SslProvider.JDK) {
            h.engine().setHandshakeApplicationProtocolSelector((engine, offered) -> GoAlpn.choose(alpn, offered));
        }
        return h;
    }
}
