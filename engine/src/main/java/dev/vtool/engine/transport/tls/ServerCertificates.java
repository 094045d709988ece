package dev.vtool.engine.transport.tls;

import dev.vtool.schema.transport.tls.TlsCertificate;
import dev.vtool.schema.transport.tls.TlsMaterial;
import dev.vtool.schema.transport.tls.TlsSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates a TLS server serves, chosen by the client's SNI as Go chooses them (4.34 builds Go's
 * name table from every {@code encipherment} entry with a key): an exact DNS name, then a wildcard, else
 * the first certificate. With a CA of {@code usage: "issue"}, {@link IssuingCertificates} decides instead.
 */
final class ServerCertificates {
    private ServerCertificates() {
    }

    /**
     * One server context per usable entry, mapped by the names its leaf certificate carries; {@code alpn} is
     * the listener's list (OpenSSL's contexts carry it).
     */
    static Mapping<String, SslContext> build(TlsSettings settings, List<String> alpn) throws SSLException {
        List<SslContext> contexts = new ArrayList<>();
        List<Set<String>> names = new ArrayList<>();
        List<LeafIssuer> issuers = new ArrayList<>();
        for (TlsCertificate c : settings.certificates()) {
            boolean issue = c.usage().equals("issue");
            if (!issue && !c.usage().equals("encipherment") || c.keyFile().isEmpty() && c.key().isEmpty()) {
                continue;
            }
            TlsMaterial m = c.material(); // loaded and checked (key included) when the config was read
            if (issue) {
                issuers.add(new LeafIssuer(m.chain().get(0), m.key()));
                continue;
            }
            contexts.add(TlsProviders.configure(
                    SslContextBuilder.forServer(m.key(), m.chain().toArray(X509Certificate[]::new)), alpn).build());
            names.add(names(m.chain().get(0)));
        }
        if (!issuers.isEmpty()) {
            java.util.Map<String, SslContext> exact = new java.util.HashMap<>();
            for (int i = 0; i < contexts.size(); i++) {
                for (String n : names.get(i)) {
                    exact.putIfAbsent(n, contexts.get(i));
                }
            }
            return new IssuingCertificates(exact, contexts.isEmpty() ? null : contexts.get(0), issuers, alpn);
        }
        if (contexts.isEmpty()) {
            throw new SSLException("failed to build TLS server config: no certificate with a key in tlsSettings.certificates");
        }
        DomainWildcardMappingBuilder<SslContext> b = new DomainWildcardMappingBuilder<>(contexts.get(0));
        // Go's table keeps the first certificate for a name; the builder keeps the last, so add in reverse
        for (int i = contexts.size() - 1; i >= 0; i--) {
            for (String n : names.get(i)) {
                b.add(n, contexts.get(i));
            }
        }
        return b.build();
    }

    /** The leaf's DNS names (Go uses the SANs, and the CN only when there are none). */
    private static Set<String> names(X509Certificate leaf) {
        Set<String> out = new LinkedHashSet<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        out.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no usable SANs: fall back to the CN below
        }
        if (out.isEmpty()) {
            String cn = commonName(leaf.getSubjectX500Principal());
            if (cn != null) {
                out.add(cn.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static String commonName(X500Principal p) {
        for (String part : p.getName(X500Principal.RFC2253).split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return null;
    }
}
