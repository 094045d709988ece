package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.Digests;
import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-GCM (from {@link AesGcmProvider}) or ChaCha20-Poly1305 (the JDK's; {@link ChaChaSealers} prefers
 * OpenSSL's where it loads) chunks through a JCA Cipher ({@link JcaAead}: the thread's shared one,
 * initialised for every chunk, unless the sealer was given its own).
 * Nonce i = BE16(i mod 65536) || IV[2..12); the counter wraps like 4.34's and every seal/open takes one.
 */
final class JcaAeadSealer implements ChunkSealer {
    static final int TAG = 16;

    private final JcaAead aead;
    private final boolean encrypt;
    private final byte[] nonce = new byte[12];
    private int counter;

    private JcaAeadSealer(Cipher own, SecretKey key, boolean gcm, byte[] iv, boolean encrypt) {
        this.aead = new JcaAead(own, key,
                gcm ? ThreadCiphers.Algorithm.AES_GCM : ThreadCiphers.Algorithm.CHACHA20_POLY1305, encrypt);
        this.encrypt = encrypt;
        System.arraycopy(iv, 2, nonce, 2, 10);
    }

    static JcaAeadSealer aes128Gcm(byte[] key16, byte[] iv, boolean encrypt) {
        return new JcaAeadSealer(null, new SecretKeySpec(key16, "AES"), true, iv, encrypt);
    }

    /** With a given cipher: tests compare providers byte for byte. */
    static JcaAeadSealer aes128Gcm(Cipher cipher, byte[] key16, byte[] iv, boolean encrypt) {
        return new JcaAeadSealer(cipher, new SecretKeySpec(key16, "AES"), true, iv, encrypt);
    }

    static JcaAeadSealer chacha20Poly1305(byte[] key16, byte[] iv, boolean encrypt) {
        return new JcaAeadSealer(null, new SecretKeySpec(chachaKey(key16), "ChaCha20"), false, iv, encrypt);
    }

    /** {@code MD5(k) || MD5(MD5(k))}: the 32-byte ChaCha key from the 16-byte body key. */
    static byte[] chachaKey(byte[] key16) {
        byte[] first = Digests.md5(key16);
        byte[] second = Digests.md5(first);
        byte[] out = new byte[32];
        System.arraycopy(first, 0, out, 0, 16);
        System.arraycopy(second, 0, out, 16, 16);
        return out;
    }

    /** Moves the nonce counter on as if n chunks had gone by (tests reach the wrap without sealing 64k chunks). */
    void skipChunks(int n) {
        counter = (counter + n) & 0xFFFF;
    }

    @Override
    public int overhead() {
        return TAG;
    }

    private byte[] nextNonce() {
        nonce[0] = (byte) (counter >>> 8);
        nonce[1] = (byte) counter;
        counter = (counter + 1) & 0xFFFF;
        return nonce;
    }

    @Override
    public void seal(ByteBuf src, int index, int length, ByteBuf dst) throws VmessException {
        if (!encrypt) {
            throw new IllegalStateException("decrypting sealer used to seal");
        }
        dst.ensureWritable(length + TAG);
        try {
            run(src, index, length, dst, length + TAG);
        } catch (GeneralSecurityException e) {
            throw new VmessException("failed to seal chunk > " + e.getMessage(), false, e);
        }
    }

    /** One chunk under the next nonce, written at dst's writer index. */
    private void run(ByteBuf src, int index, int length, ByteBuf dst, int outLength) throws GeneralSecurityException {
        int w = dst.writerIndex();
        dst.writerIndex(w + aead.doFinal(nextNonce(), src, index, length, dst, w, outLength));
    }

    @Override
    public void open(ByteBuf src, int index, int length, ByteBuf dst) throws VmessException {
        if (encrypt) {
            throw new IllegalStateException("encrypting sealer used to open");
        }
        if (length < TAG) {
            throw new VmessException("invalid chunk: " + length + " bytes is shorter than the tag");
        }
        dst.ensureWritable(length - TAG);
        try {
            run(src, index, length, dst, length - TAG);
        } catch (AEADBadTagException e) {
            throw new VmessException("failed to read chunk > cipher: message authentication failed", false, e);
        } catch (GeneralSecurityException e) {
            throw new VmessException("failed to read chunk > " + e.getMessage(), false, e);
        }
    }
}
