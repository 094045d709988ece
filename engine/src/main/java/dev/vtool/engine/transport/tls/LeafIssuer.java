package dev.vtool.engine.transport.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Signs leaf certificates on the fly from a CA ({@code usage: "issue"}), as 4.34 does: CN and DNS SAN = the
 * requested name, valid from one hour ago to one hour ahead (see {@link CertificateSigner} for the rest).
 */
final class LeafIssuer {
    private static final Duration HOUR = Duration.ofHours(1);

    private final X509Certificate ca;
    private final PrivateKey caKey;

    LeafIssuer(X509Certificate ca, PrivateKey caKey) {
        this.ca = ca;
        this.caKey = caKey;
    }

    /** A new leaf for {@code name} and its key. */
    Issued issue(String name) throws GeneralSecurityException {
        Instant now = Instant.now();
        CertificateSigner.Issued leaf = CertificateSigner.sign(new CertificateSigner.Request(name, "",
                name.isEmpty() ? List.of() : List.of(name), false, now.minus(HOUR), now.plus(HOUR)), ca, caKey);
        return new Issued(leaf.certificate(), leaf.key());
    }

    record Issued(X509Certificate leaf, PrivateKey key) {
    }
}
