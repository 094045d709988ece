package dev.vtool.engine.transport.quic;

import dev.vtool.engine.transport.tls.ClientTrust;
import dev.vtool.engine.transport.tls.CertificateSigner;
import dev.vtool.schema.transport.SecuritySettings;
import dev.vtool.schema.transport.tls.TlsCertificate;
import dev.vtool.schema.transport.tls.TlsSettings;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * QUIC's TLS 1.3 as 4.34 sets it up: ALPN {@code h2, http/1.1} unless configured; without
 * {@code tlsSettings} the listener self-signs a certificate for {@code quic.internal.v2ray.com} and the
 * client sends that name and verifies nothing; with them, the configured certificate and a client that
 * checks the chain and {@code serverName} (the destination is dialled as an IP, so the name must be given).
 */
final class QuicTls {
    static final String INTERNAL_NAME = "quic.internal.v2ray.com";
    private static final List<String> DEFAULT_ALPN = List.of("h2", "http/1.1");

    private QuicTls() {
    }

    static QuicSslContext server(SecuritySettings security) throws Exception {
        if (!(security instanceof TlsSettings tls)) {
            // 4.34: cert.Generate for the internal name, valid from an hour before to an hour after start
            Instant now = Instant.now();
            CertificateSigner.Issued own = CertificateSigner.sign(new CertificateSigner.Request(INTERNAL_NAME, "",
                    List.of(INTERNAL_NAME), false, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))), null, null);
            return QuicSslContextBuilder.forServer(own.key(), null, own.certificate())
                    .applicationProtocols(DEFAULT_ALPN.toArray(String[]::new)).build();
        }
        for (TlsCertificate c : tls.certificates()) {
            if (c.material() != null && c.material().key() != null && !"verify".equals(c.usage())
                    && !"issue".equals(c.usage())) {
                return QuicSslContextBuilder.forServer(c.material().key(), null,
                                c.material().chain().toArray(X509Certificate[]::new))
                        .applicationProtocols(alpn(tls)).build();
            }
        }
        throw new IllegalArgumentException("QUIC with TLS needs a certificate with its key (usage encipherment)");
    }

    /** The client context and the name it sends, or an exception saying why it cannot dial. */
    static QuicSslContext client(SecuritySettings security) throws Exception {
        if (!(security instanceof TlsSettings tls)) {
            return QuicSslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .applicationProtocols(DEFAULT_ALPN.toArray(String[]::new)).build();
        }
        QuicSslContextBuilder b = QuicSslContextBuilder.forClient().trustManager(ClientTrust.of(tls))
                .applicationProtocols(alpn(tls));
        if (!tls.allowInsecure()) {
            b.endpointIdentificationAlgorithm("HTTPS");
        }
        return b.build();
    }

    static String serverName(SecuritySettings security) throws java.io.IOException {
        if (!(security instanceof TlsSettings tls)) {
            return INTERNAL_NAME;
        }
        String name = tls.serverName();
        if ((name == null || name.isEmpty()) && !tls.allowInsecure()) {
            // Go's crypto/tls refuses to verify without a name: every dial fails in 4.34
            throw new java.io.IOException("tls: either ServerName or InsecureSkipVerify must be specified in the tls.Config");
        }
        return name == null ? "" : name;
    }

    private static String[] alpn(TlsSettings tls) {
        return (tls.alpn().isEmpty() ? DEFAULT_ALPN : tls.alpn()).toArray(String[]::new);
    }
}
