package dev.vtool.schema.transport.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Whether a private key belongs to a public key, proven by signing a probe with the one and verifying it
 * with the other. Shared by run's certificate loader ({@link TlsMaterial}) and lint's key-pair rule.
 */
public final class KeyPairProbe {
    private static final byte[] PROBE = "vtool key-pair probe".getBytes(StandardCharsets.US_ASCII);

    private KeyPairProbe() {
    }

    /** True or false for RSA, EC and Ed25519 keys; null for an algorithm this check has no signature for. */
    public static Boolean signsFor(PrivateKey key, PublicKey pub) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return null;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pub);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
