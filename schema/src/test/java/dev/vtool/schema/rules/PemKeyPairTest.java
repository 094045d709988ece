package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Key pairs in the formats Go's tls.X509KeyPair reads (PKCS#8, SEC1, PKCS#1), from testdata/certs. */
class PemKeyPairTest {
    private static String cert(String name) throws IOException {
        return Files.readString(V2rayBinary.repoRoot().resolve("testdata/certs").resolve(name));
    }

    @Test
    void matchingPairsInEveryKeyFormat() throws IOException {
        assertNull(PemKeyPair.mismatch(cert("server.crt"), cert("server.key")), "EC, PKCS#8");
        assertNull(PemKeyPair.mismatch(cert("server.crt"), cert("server-sec1.key")), "EC, SEC1");
        assertNull(PemKeyPair.mismatch(cert("rsa.crt"), cert("rsa-pkcs1.key")), "RSA, PKCS#1");
    }

    @Test
    void mismatchesInGosWords() throws IOException {
        assertEquals("tls: private key does not match public key", PemKeyPair.mismatch(cert("server.crt"), cert("other.key")));
        assertEquals("tls: private key type does not match public key type",
                PemKeyPair.mismatch(cert("server.crt"), cert("rsa-pkcs1.key")), "EC certificate, RSA key");
        assertEquals("tls: private key type does not match public key type",
                PemKeyPair.mismatch(cert("rsa.crt"), cert("server.key")), "RSA certificate, EC key (PKCS#8)");
        assertEquals("tls: found a certificate rather than a key in the PEM for the private key",
                PemKeyPair.mismatch(cert("server.crt"), cert("server.crt")));
        assertEquals("tls: failed to find any PEM data in key input", PemKeyPair.mismatch(cert("server.crt"), "not a key"));
    }

    @Test
    void unreadableCertificateIsNotJudged() throws IOException {
        assertNull(PemKeyPair.mismatch("garbage", cert("other.key")));
    }
}
