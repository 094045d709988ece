package dev.vtool.schema.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The certificates and key of one {@code certificates} entry, loaded and checked: the chain parses, the key
 * parses (PKCS#8, PKCS#1 RSA or SEC1 EC, the forms Go's {@code X509KeyPair} reads) and belongs to the
 * leaf, and the leaf has not expired. 4.34 silently skips a pair that does not load and serves whatever
 * remains; vtool says why at start instead.
 *
 * @param key null for an entry without a key ({@code verify}, or a CA without one)
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey key) {
    /** Why an entry cannot be used, in words that name the entry's part ({@code certificate}, {@code key}). */
    public static final class Invalid extends Exception {
        private final String part;

        Invalid(String part, String message) {
            super(message);
            this.part = part;
        }

        /** {@code certificate} or {@code key}: where in the entry the problem is. */
        public String part() {
            return part;
        }
    }

    public TlsMaterial {
        chain = List.copyOf(chain);
    }

    /** Loads an entry; with {@code needKey}, a missing key is an error too. */
    public static TlsMaterial load(TlsCertificate c, boolean needKey) throws Invalid {
        String certText = text("certificate", c.certificateFile(), c.certificate());
        List<X509Certificate> chain = certificates(certText);
        X509Certificate leaf = chain.get(0);
        if (leaf.getNotAfter().before(new Date())) {
            throw new Invalid("certificate", "certificate " + leaf.getSubjectX500Principal().getName()
                    + " expired on " + leaf.getNotAfter().toInstant());
        }
        boolean hasKey = !c.keyFile().isEmpty() || !c.key().isEmpty();
        if (!hasKey) {
            if (needKey) {
                throw new Invalid("key", "failed to parse key > both file and bytes are empty.");
            }
            return new TlsMaterial(chain, null);
        }
        PrivateKey key = privateKey(text("key", c.keyFile(), c.key()));
        if (!matches(key, leaf.getPublicKey())) {
            throw new Invalid("key", "tls: private key does not match public key of certificate "
                    + leaf.getSubjectX500Principal().getName());
        }
        return new TlsMaterial(chain, key);
    }

    private static String text(String part, String file, List<String> lines) throws Invalid {
        if (!file.isEmpty()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException e) {
                throw new Invalid(part, "failed to parse " + part + " > open " + file + ": no such file or directory");
            } catch (IOException | RuntimeException e) {
                throw new Invalid(part, "failed to parse " + part + " > cannot read " + file + ": " + e.getMessage());
            }
        }
        if (lines.isEmpty()) {
            throw new Invalid(part, "failed to parse " + part + " > both file and bytes are empty.");
        }
        return String.join("\n", lines);
    }

    private static List<X509Certificate> certificates(String text) throws Invalid {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (Pem.Block b : Pem.blocks(text)) {
                if (b.type().equals("CERTIFICATE")) {
                    out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Invalid("certificate", "tls: failed to parse certificate: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new Invalid("certificate", "tls: failed to find any PEM data in certificate input");
        }
        return out;
    }

    private static PrivateKey privateKey(String text) throws Invalid {
        List<Pem.Block> blocks;
        try {
            blocks = Pem.blocks(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid("key", "tls: " + e.getMessage());
        }
        for (Pem.Block b : blocks) {
            try {
                switch (b.type()) {
                    case "PRIVATE KEY":
                        return pkcs8(b.der());
                    case "RSA PRIVATE KEY":
                        return KeyFactory.getInstance("RSA").generatePrivate(
                                new PKCS8EncodedKeySpec(Der.pkcs8FromPkcs1(b.der())));
                    case "EC PRIVATE KEY":
                        return KeyFactory.getInstance("EC").generatePrivate(
                                new PKCS8EncodedKeySpec(Der.pkcs8FromSec1(b.der())));
                    default:
                        break;
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new Invalid("key", "tls: failed to parse private key (" + b.type() + "): " + e.getMessage());
            }
        }
        throw new Invalid("key", "tls: failed to find any PEM data in key input");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A key belongs to a certificate when both are of one algorithm and the key's signature verifies. */
    private static boolean matches(PrivateKey key, PublicKey pub) {
        boolean sameAlgorithm = key.getAlgorithm().equals(pub.getAlgorithm())
                || key.getAlgorithm().startsWith("Ed") && pub.getAlgorithm().startsWith("Ed");
        return sameAlgorithm && Boolean.TRUE.equals(KeyPairProbe.signsFor(key, pub));
    }
}
