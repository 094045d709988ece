package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.vmess.body.AesGcmProvider;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction's AEAD under its subkey: AES-GCM (from AesGcmProvider: AWS-LC where it loads, else the
 * JDK) or the JDK's ChaCha20-Poly1305. The nonce is a 12-byte little-endian counter from 0, advanced
 * after every seal or open (the length block and the payload block take one each), as 4.34 and
 * shadowsocks-libev do. Works on byte arrays: the JDK's array path is its fast one.
 */
final class SsAead {
    static final int TAG = 16;

    private final Cipher cipher;
    private final SecretKey key;
    private final boolean gcm;
    private final int mode;
    private final byte[] nonce = new byte[12];
    private final boolean inPlaceBuffers;

    private SsAead(Cipher cipher, SecretKey key, boolean gcm, boolean encrypt) {
        this.cipher = cipher;
        this.key = key;
        this.gcm = gcm;
        this.mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.inPlaceBuffers = gcm && AesGcmProvider.accp() != null && cipher.getProvider() == AesGcmProvider.accp();
    }

    /**
     * Whether {@link #seal(ByteBuffer, ByteBuffer)}/{@link #open(ByteBuffer, ByteBuffer)} work on the buffers in
     * place (AWS-LC reads and writes direct memory natively); the JDK's ciphers copy direct buffers into arrays
     * anyway, so for them the array methods are the fast path.
     */
    boolean inPlaceBuffers() {
        return inPlaceBuffers;
    }

    /** Seals {@code in}'s remaining bytes into {@code out}; the buffers must not overlap. */
    int seal(ByteBuffer in, ByteBuffer out) {
        try {
            init();
            return cipher.doFinal(in, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** Opens {@code in}'s remaining bytes into {@code out}. */
    int open(ByteBuffer in, ByteBuffer out) throws SsException {
        if (in.remaining() < TAG) {
            throw new SsException("cipher: message authentication failed");
        }
        try {
            init();
            return cipher.doFinal(in, out);
        } catch (AEADBadTagException e) {
            throw new SsException("cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new SsException("cipher: " + e.getMessage());
        }
    }

    /** @param method an AEAD method (not {@code none}) */
    static SsAead create(ShadowsocksMethod method, byte[] subkey, boolean encrypt) {
        try {
            if (method == ShadowsocksMethod.CHACHA20_POLY1305) {
                return new SsAead(Cipher.getInstance("ChaCha20-Poly1305"), new SecretKeySpec(subkey, "ChaCha20"),
                        false, encrypt);
            }
            return new SsAead(AesGcmProvider.newCipher(), new SecretKeySpec(subkey, "AES"), true, encrypt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(method.canonical() + " unavailable in this JVM", e);
        }
    }

    private void init() throws GeneralSecurityException {
        AlgorithmParameterSpec spec = gcm ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce);
        cipher.init(mode, key, spec);
        for (int i = 0; i < nonce.length && ++nonce[i] == 0; i++) {
            // carry into the next byte (little-endian increment)
        }
    }

    /** Seals {@code len} bytes into {@code out} (len + 16 bytes); in and out must not be the same array. */
    int seal(byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            init();
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** Opens {@code len} sealed bytes into {@code out} (len - 16 bytes). */
    int open(byte[] in, int off, int len, byte[] out, int outOff) throws SsException {
        if (len < TAG) {
            throw new SsException("cipher: message authentication failed");
        }
        try {
            init();
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new SsException("cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new SsException("cipher: " + e.getMessage());
        }
    }
}
