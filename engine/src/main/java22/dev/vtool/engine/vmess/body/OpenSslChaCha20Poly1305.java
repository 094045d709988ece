package dev.vtool.engine.vmess.body;

import dev.vtool.engine.crypto.OpenSslAead;
import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;

/**
 * ChaCha20-Poly1305 chunks through OpenSSL's libcrypto ({@link OpenSslAead}, Java 22+ foreign function API).
 * The JDK's cipher rebuilds its Poly1305 state on every init and costs ~0.8 CPU s/GiB on 2 KiB chunks; one
 * reused EVP_CIPHER_CTX, re-armed with the next nonce, costs ~0.55. Compiled with --release 22 and loaded
 * only by {@link ChaChaSealers} on a JDK that has the API; everything else uses {@link JcaAeadSealer}.
 * Buffers are handed over in place (direct memory by address, heap arrays pinned), never copied.
 */
final class OpenSslChaCha20Poly1305 implements ChunkSealer {
    private static final int TAG = OpenSslAead.TAG;

    private final OpenSslAead aead;
    private final boolean encrypt;
    private final byte[] nonce = new byte[12];
    private int counter;

    /** @param key32 the 32-byte ChaCha key ({@link JcaAeadSealer#chachaKey}) */
    OpenSslChaCha20Poly1305(byte[] key32, byte[] iv, boolean encrypt) {
        this.encrypt = encrypt;
        System.arraycopy(iv, 2, nonce, 2, 10);
        this.aead = new OpenSslAead("EVP_chacha20_poly1305", key32, encrypt);
    }

    /** Moves the nonce counter on as if n chunks had gone by (tests reach the wrap without 64k chunks). */
    void skipChunks(int n) {
        counter = (counter + n) & 0xFFFF;
    }

    @Override
    public int overhead() {
        return TAG;
    }

    @Override
    public void seal(ByteBuf src, int index, int length, ByteBuf dst) throws VmessException {
        if (!encrypt) {
            throw new IllegalStateException("decrypting sealer used to seal");
        }
        dst.ensureWritable(length + TAG);
        int w = dst.writerIndex();
        try {
            aead.seal(nextNonce(), src, index, length, dst, w);
        } catch (IllegalStateException e) {
            throw new VmessException("failed to seal chunk > " + e.getMessage(), false, e);
        }
        dst.writerIndex(w + length + TAG);
    }

    @Override
    public void open(ByteBuf src, int index, int length, ByteBuf dst) throws VmessException {
        if (encrypt) {
            throw new IllegalStateException("encrypting sealer used to open");
        }
        if (length < TAG) {
            throw new VmessException("invalid chunk: " + length + " bytes is shorter than the tag");
        }
        int plain = length - TAG;
        dst.ensureWritable(plain);
        int w = dst.writerIndex();
        boolean authentic;
        try {
            authentic = aead.open(nextNonce(), src, index, length, dst, w);
        } catch (IllegalStateException e) {
            throw new VmessException("failed to read chunk > " + e.getMessage(), false, e);
        }
        if (!authentic) {
            throw new VmessException("failed to read chunk > cipher: message authentication failed", false);
        }
        dst.writerIndex(w + plain);
    }

    private byte[] nextNonce() {
        nonce[0] = (byte) (counter >>> 8);
        nonce[1] = (byte) counter;
        counter = (counter + 1) & 0xFFFF;
        return nonce;
    }
}
