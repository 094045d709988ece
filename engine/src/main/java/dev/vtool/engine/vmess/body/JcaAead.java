package dev.vtool.engine.vmess.body;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * One AEAD key through a JCA Cipher: the thread's shared one ({@link ThreadCiphers}), initialised for every
 * nonce, unless it refused this key and nonce (or a cipher was given): then one of its own. One doFinal over
 * byte arrays, the JCA's fast path (its ByteBuffer path copies direct memory into arrays anyway, and
 * AWS-LC's then buffers the whole input a second time): direct buffers go through two reusable scratch
 * arrays. VMess's body sealer and the Shadowsocks sealer use it; {@code OpenSslAead} is its OpenSSL twin.
 */
public final class JcaAead {
    private final SecretKey key;
    private final ThreadCiphers.Algorithm algorithm;
    private final int mode;
    /** Null: the thread's shared cipher; set when that one refused this key and nonce, or given. */
    private Cipher own;
    private byte[] scratchIn;
    private byte[] scratchOut;

    public JcaAead(SecretKey key, ThreadCiphers.Algorithm algorithm, boolean encrypt) {
        this(null, key, algorithm, encrypt);
    }

    JcaAead(Cipher own, SecretKey key, ThreadCiphers.Algorithm algorithm, boolean encrypt) {
        this.own = own;
        this.key = key;
        this.algorithm = algorithm;
        this.mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    }

    /**
     * Seals or opens (as constructed) src[index, index+len) into dst from dstIndex, outLength bytes
     * (len + 16 sealing, len - 16 opening); writer indexes untouched.
     *
     * @return the bytes written
     * @throws javax.crypto.AEADBadTagException when an opened tag is wrong
     */
    public int doFinal(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex, int outLength)
            throws GeneralSecurityException {
        Cipher cipher = init(nonce);
        byte[] in;
        int inOff;
        if (src.hasArray()) {
            in = src.array();
            inOff = src.arrayOffset() + index;
        } else {
            in = scratchIn(len);
            src.getBytes(index, in, 0, len);
            inOff = 0;
        }
        // Never hand the JDK one array as both input and output (pooled heap buffers share arena
        // arrays): its overlap handling is very slow.
        if (dst.hasArray() && dst.array() != in) {
            return cipher.doFinal(in, inOff, len, dst.array(), dst.arrayOffset() + dstIndex);
        }
        byte[] out = scratchOut(outLength);
        int n = cipher.doFinal(in, inOff, len, out, 0);
        dst.setBytes(dstIndex, out, 0, n);
        return n;
    }

    private Cipher init(byte[] nonce) throws GeneralSecurityException {
        AlgorithmParameterSpec spec = algorithm == ThreadCiphers.Algorithm.AES_GCM
                ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce);
        if (own != null) {
            own.init(mode, key, spec);
            return own;
        }
        Cipher cipher = ThreadCiphers.init(algorithm, mode, key, spec);
        if (!ThreadCiphers.isShared(cipher)) {
            own = cipher;
        }
        return cipher;
    }

    private byte[] scratchIn(int n) {
        if (scratchIn == null || scratchIn.length < n) {
            scratchIn = new byte[Math.max(n, 4096)];
        }
        return scratchIn;
    }

    private byte[] scratchOut(int n) {
        if (scratchOut == null || scratchOut.length < n) {
            scratchOut = new byte[Math.max(n, 4096)];
        }
        return scratchOut;
    }
}
