package dev.vtool.engine.transport.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.Mapping;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificates when {@code certificates} holds a CA with {@code usage: "issue"}, chosen as 4.34 chooses
 * them then: a configured certificate whose name equals the SNI exactly, else a leaf issued earlier for
 * that name while it has not expired (one minute of slack), else a new leaf from the first CA that can
 * sign one. A name no CA can serve gets the first configured certificate, or fails the handshake.
 */
final class IssuingCertificates implements Mapping<String, SslContext> {
    /** Issued leaves kept at most; a client sending endless distinct names must not grow memory for ever. */
    private static final int MAX_ISSUED = 1024;

    private record Cached(SslContext context, long notAfterMillis) {
    }

    private final Map<String, SslContext> exact;
    private final SslContext fallback;
    private final List<LeafIssuer> issuers;
    private final List<String> alpn;
    private final Map<String, Cached> issued = new ConcurrentHashMap<>();

    IssuingCertificates(Map<String, SslContext> exact, SslContext fallback, List<LeafIssuer> issuers,
                        List<String> alpn) {
        this.alpn = alpn;
        this.exact = exact;
        this.fallback = fallback;
        this.issuers = issuers;
    }

    @Override
    public SslContext map(String sni) {
        String name = sni == null ? "" : sni;
        SslContext own = exact.get(name);
        if (own != null) {
            return own;
        }
        Cached c = issued.get(name);
        if (c != null && c.notAfterMillis() > System.currentTimeMillis() - 60_000) {
            return c.context();
        }
        for (LeafIssuer issuer : issuers) {
            try {
                LeafIssuer.Issued leaf = issuer.issue(name);
                SslContext ctx = TlsProviders.configure(SslContextBuilder.forServer(leaf.key(), leaf.leaf()), alpn).build();
                if (issued.size() >= MAX_ISSUED) {
                    issued.clear();
                }
                issued.put(name, new Cached(ctx, leaf.leaf().getNotAfter().getTime()));
                return ctx;
            } catch (Exception e) {
                // 4.34 logs and tries the next CA
            }
        }
        return fallback;
    }
}
