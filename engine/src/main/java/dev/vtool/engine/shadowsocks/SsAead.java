package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.vmess.body.AeadArrays;
import dev.vtool.engine.vmess.body.AesGcmProvider;
import dev.vtool.engine.vmess.body.ChaChaSealers;
import dev.vtool.engine.vmess.body.ThreadCiphers;
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
 * JDK) or ChaCha20-Poly1305 (OpenSSL's where it loads, else the JDK's). The nonce is a 12-byte
 * little-endian counter from 0, advanced
 * after every seal or open (the length block and the payload block take one each), as 4.34 and
 * shadowsocks-libev do. Works on byte arrays: the JDK's array path is its fast one. The Cipher is the
 * thread's shared one ({@link ThreadCiphers}), initialised for every block.
 */
final class SsAead {
    static final int TAG = 16;

    /** Null: the thread's shared cipher; set when that one refused this key and nonce. */
    private Cipher own;
    private final SecretKey key;
    private final boolean gcm;
    private final int mode;
    private final byte[] nonce = new byte[12];
    private final boolean inPlaceBuffers;
    /** OpenSSL's ChaCha20-Poly1305 for the array methods where it loads (chacha only), else null. */
    private final AeadArrays openSsl;

    private SsAead(SecretKey key, boolean gcm, boolean encrypt, AeadArrays openSsl) {
        this.key = key;
        this.openSsl = openSsl;
        this.gcm = gcm;
        this.mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.inPlaceBuffers = gcm && AesGcmProvider.accp() != null;
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
            return init().doFinal(in, out);
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
            return init().doFinal(in, out);
        } catch (AEADBadTagException e) {
            throw new SsException("cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new SsException("cipher: " + e.getMessage());
        }
    }

    /** @param method an AEAD method (not {@code none}) */
    static SsAead create(ShadowsocksMethod method, byte[] subkey, boolean encrypt) {
        if (method == ShadowsocksMethod.CHACHA20_POLY1305) {
            return new SsAead(new SecretKeySpec(subkey, "ChaCha20"), false, encrypt,
                    ChaChaSealers.openSslArrays(subkey, encrypt));
        }
        return new SsAead(new SecretKeySpec(subkey, "AES"), true, encrypt, null);
    }

    private void nextNonce() {
        for (int i = 0; i < nonce.length && ++nonce[i] == 0; i++) {
            // carry into the next byte (little-endian increment)
        }
    }

    private Cipher init() throws GeneralSecurityException {
        AlgorithmParameterSpec spec = gcm ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce);
        Cipher cipher;
        if (own != null) {
            own.init(mode, key, spec);
            cipher = own;
        } else {
            cipher = ThreadCiphers.init(gcm ? ThreadCiphers.Algorithm.AES_GCM : ThreadCiphers.Algorithm.CHACHA20_POLY1305,
                    mode, key, spec);
            if (!ThreadCiphers.isShared(cipher)) {
                own = cipher;
            }
        }
        nextNonce();
        return cipher;
    }

    /** Seals {@code len} bytes into {@code out} (len + 16 bytes); in and out must not be the same array. */
    int seal(byte[] in, int off, int len, byte[] out, int outOff) {
        if (openSsl != null) {
            int n = openSsl.seal(nonce, in, off, len, out, outOff);
            nextNonce();
            return n;
        }
        try {
            return init().doFinal(in, off, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** Opens {@code len} sealed bytes into {@code out} (len - 16 bytes). */
    int open(byte[] in, int off, int len, byte[] out, int outOff) throws SsException {
        if (len < TAG) {
            throw new SsException("cipher: message authentication failed");
        }
        if (openSsl != null) {
            int n = openSsl.open(nonce, in, off, len, out, outOff);
            nextNonce();
            if (n < 0) {
                throw new SsException("cipher: message authentication failed");
            }
            return n;
        }
        try {
            return init().doFinal(in, off, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new SsException("cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new SsException("cipher: " + e.getMessage());
        }
    }
}
