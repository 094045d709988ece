package dev.vtool.engine.vmess.body;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;

/**
 * One AEAD Cipher per thread and algorithm, shared by every connection's chunk sealers on that thread.
 * A chunk sealer sets its cipher up with {@code init} (key and nonce) before every chunk and finishes the
 * chunk with one {@code doFinal}, so nothing of a connection lives in the Cipher between chunks, and one
 * thread never has two chunks in flight. Creating a Cipher costs more than sealing a 16 KiB chunk (35-60
 * µs for AWS-LC's: provider lookup and a native context), and every VMess or Shadowsocks connection
 * needs two per proxy.
 */
public final class ThreadCiphers {
    /** An AEAD algorithm: how to make a fresh Cipher for it. */
    public enum Algorithm {
        AES_GCM, CHACHA20_POLY1305;

        Cipher newCipher() throws GeneralSecurityException {
            return this == AES_GCM ? AesGcmProvider.newCipher() : Cipher.getInstance("ChaCha20-Poly1305");
        }
    }

    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> fresh(Algorithm.AES_GCM));
    private static final ThreadLocal<Cipher> CHACHA = ThreadLocal.withInitial(() -> fresh(Algorithm.CHACHA20_POLY1305));

    private ThreadCiphers() {
    }

    /**
     * This thread's cipher, initialised with the key and nonce. When the shared cipher refuses them
     * (AES-GCM refuses to encrypt twice in a row under one key and nonce on one Cipher, the JDK's
     * ChaCha20 any init that repeats the previous key and nonce: only fixed test vectors, or a client and
     * server of one process sealing and opening the same chunk, do that; every connection has its own
     * random key), a fresh Cipher is returned instead; the caller keeps it as its own from then on.
     */
    public static Cipher init(Algorithm algorithm, int mode, Key key, AlgorithmParameterSpec spec)
            throws GeneralSecurityException {
        Cipher shared = (algorithm == Algorithm.AES_GCM ? AES_GCM : CHACHA).get();
        try {
            shared.init(mode, key, spec);
            return shared;
        } catch (InvalidAlgorithmParameterException | InvalidKeyException sameKeyAndNonce) {
            Cipher own = algorithm.newCipher();
            own.init(mode, key, spec);
            return own;
        }
    }

    /** Whether c is one of the shared per-thread ciphers (not a caller's own). */
    public static boolean isShared(Cipher c) {
        return c == AES_GCM.get() || c == CHACHA.get();
    }

    private static Cipher fresh(Algorithm algorithm) {
        try {
            return algorithm.newCipher();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable in this JVM", e);
        }
    }
}
