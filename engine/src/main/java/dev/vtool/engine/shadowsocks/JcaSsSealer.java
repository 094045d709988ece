package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.vmess.body.ThreadCiphers;
import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-GCM (AWS-LC where it loads, else the JDK's) or the JDK's ChaCha20-Poly1305 through a JCA Cipher:
 * the thread's shared one ({@link ThreadCiphers}), initialised for every block. Works on byte arrays,
 * the JCA's fast path (its ByteBuffer path copies direct memory into arrays anyway, and AWS-LC's then
 * buffers the whole input a second time): direct buffers go through two reusable scratch arrays.
 */
final class JcaSsSealer implements SsSealer {
    private final SecretKey key;
    private final ThreadCiphers.Algorithm algorithm;
    private final int mode;
    /** Null: the thread's shared cipher; set when that one refused this key and nonce. */
    private Cipher own;
    private byte[] scratchIn;
    private byte[] scratchOut;

    JcaSsSealer(SecretKey key, ThreadCiphers.Algorithm algorithm, boolean encrypt) {
        this.key = key;
        this.algorithm = algorithm;
        this.mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    }

    @Override
    public void seal(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) throws GeneralSecurityException {
        run(nonce, src, index, len, dst, dstIndex, len + SsAead.TAG);
    }

    @Override
    public boolean open(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) throws GeneralSecurityException {
        try {
            run(nonce, src, index, len, dst, dstIndex, len - SsAead.TAG);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        }
    }

    private void run(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex, int outLength)
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
        // never one array as both input and output: the JDK's overlap handling is very slow
        if (dst.hasArray() && dst.array() != in) {
            cipher.doFinal(in, inOff, len, dst.array(), dst.arrayOffset() + dstIndex);
        } else {
            byte[] out = scratchOut(outLength);
            cipher.doFinal(in, inOff, len, out, 0);
            dst.setBytes(dstIndex, out, 0, outLength);
        }
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
