package dev.vtool.schema.rules;

import dev.vtool.schema.transport.tls.KeyPairProbe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a PEM certificate and a PEM private key form a pair, as Go's {@code tls.X509KeyPair} decides it when
 * V2Ray 4.34 builds its TLS config at start (it then logs "ignoring invalid X509 key pair" and serves without the
 * certificate). Keys may be PKCS#8, PKCS#1 (RSA) or SEC1 (EC), like Go accepts. The pair is proven by signing with
 * the key and verifying with the certificate's public key ({@link KeyPairProbe}); nothing is written anywhere.
 */
final class PemKeyPair {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private PemKeyPair() {
    }

    /**
     * Go's error for the pair, or null when it matches. Also null when vtool cannot judge (a certificate Java
     * cannot read, a key algorithm without a signature check here): a mismatch is only reported when certain.
     */
    static String mismatch(String certPem, String keyPem) {
        X509Certificate cert = firstCertificate(certPem);
        if (cert == null) {
            return null;
        }
        Matcher keyBlock = firstKey(keyPem);
        if (keyBlock == null) {
            return keyPem.contains("CERTIFICATE-----")
                    ? "tls: found a certificate rather than a key in the PEM for the private key"
                    : "tls: failed to find any PEM data in key input";
        }
        byte[] keyDer;
        try {
            keyDer = Base64.getMimeDecoder().decode(keyBlock.group(2));
        } catch (IllegalArgumentException e) {
            return "tls: failed to parse private key";
        }
        PublicKey pub = cert.getPublicKey();
        PrivateKey key = parse(keyDer, pub);
        if (key == null) {
            String label = keyBlock.group(1);
            boolean otherType = label.equals("RSA PRIVATE KEY") || label.equals("EC PRIVATE KEY")
                    || List.of("RSA", "EC", "Ed25519").stream()
                            .anyMatch(other -> !other.equalsIgnoreCase(pub.getAlgorithm()) && pkcs8(keyDer, other) != null);
            return otherType ? "tls: private key type does not match public key type" : "tls: failed to parse private key";
        }
        Boolean matches = KeyPairProbe.signsFor(key, pub);
        if (matches == null) {
            return null;
        }
        return matches ? null : "tls: private key does not match public key";
    }

    private static X509Certificate firstCertificate(String pem) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                try {
                    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                    return (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The first block Go takes as a key ("PRIVATE KEY" or any "... PRIVATE KEY" label): group 1 label, 2 base64. */
    private static Matcher firstKey(String pem) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals("PRIVATE KEY") || m.group(1).endsWith(" PRIVATE KEY")) {
                return m;
            }
        }
        return null;
    }

    /** PKCS#8 as it is, else PKCS#1/SEC1 wrapped into PKCS#8 with the certificate's algorithm identifier. */
    private static PrivateKey parse(byte[] der, PublicKey pub) {
        PrivateKey key = pkcs8(der, pub.getAlgorithm());
        if (key != null) {
            return key;
        }
        byte[] algorithmId = algorithmIdentifier(pub.getEncoded());
        return algorithmId == null ? null : pkcs8(wrap(algorithmId, der), pub.getAlgorithm());
    }

    private static PrivateKey pkcs8(byte[] der, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** The AlgorithmIdentifier element of a SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING }. */
    private static byte[] algorithmIdentifier(byte[] spki) {
        if (spki == null || spki.length < 4 || spki[0] != 0x30) {
            return null;
        }
        int offset = 1 + lengthOfLength(spki, 1);
        if (offset >= spki.length || spki[offset] != 0x30) {
            return null;
        }
        int len = length(spki, offset + 1);
        int end = offset + 1 + lengthOfLength(spki, offset + 1) + len;
        return len < 0 || end > spki.length ? null : java.util.Arrays.copyOfRange(spki, offset, end);
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithmId, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithmId);
        body.write(0x04);
        body.writeBytes(encodedLength(key.length));
        body.writeBytes(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(encodedLength(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static int lengthOfLength(byte[] der, int at) {
        int first = der[at] & 0xFF;
        return first < 0x80 ? 1 : 1 + (first & 0x7F);
    }

    private static int length(byte[] der, int at) {
        int first = der[at] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7F;
        if (n > 3 || at + n >= der.length) {
            return -1;
        }
        int len = 0;
        for (int i = 1; i <= n; i++) {
            len = (len << 8) | (der[at + i] & 0xFF);
        }
        return len;
    }

    private static byte[] encodedLength(int len) {
        if (len < 0x80) {
            return new byte[] {(byte) len};
        }
        if (len < 0x100) {
            return new byte[] {(byte) 0x81, (byte) len};
        }
        if (len < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len};
        }
        return new byte[] {(byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
    }
}
