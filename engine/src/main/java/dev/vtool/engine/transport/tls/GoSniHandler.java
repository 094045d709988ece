package dev.vtool.engine.transport.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Mapping;
import java.util.List;

/**
 * Picks the certificate by SNI, then runs the server handshake with Go's ALPN choice; a failed handshake
 * (garbage, a cut ClientHello, no common protocol) closes the connection.
 */
final class GoSniHandler extends SniHandler {
    /** Largest ClientHello accepted while looking for the SNI (Go's record limit is 16 KiB). */
    private static final int MAX_CLIENT_HELLO = 16 * 1024 + 5;

    private final List<String> alpn;

    GoSniHandler(Mapping<String, SslContext> certificates, List<String> alpn) {
        super(certificates, MAX_CLIENT_HELLO, 0);
        this.alpn = alpn;
    }

    @Override
    protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
        SslHandler h = super.newSslHandler(context, allocator);
        h.engine().setHandshakeApplicationProtocolSelector((engine, offered) -> GoAlpn.choose(alpn, offered));
        return h;
    }
}
