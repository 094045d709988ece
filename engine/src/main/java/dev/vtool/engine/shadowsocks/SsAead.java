package dev.vtool.engine.shadowsocks;

import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.GeneralSecurityException;

/**
 * One direction's AEAD under its subkey ({@link SsSealers}: OpenSSL in place where it loads, else a JCA
 * Cipher). The nonce is a 12-byte little-endian counter from 0, advanced after every seal or open (the
 * length block and the payload block take one each), as 4.34 and shadowsocks-libev do.
 */
final class SsAead {
    static final int TAG = 16;

    private final SsSealer sealer;
    private final byte[] nonce = new byte[12];

    SsAead(SsSealer sealer) {
        this.sealer = sealer;
    }

    /** @param method an AEAD method (not {@code none}) */
    static SsAead create(ShadowsocksMethod method, byte[] subkey, boolean encrypt) {
        return new SsAead(SsSealers.create(method, subkey, encrypt));
    }

    private void nextNonce() {
        for (int i = 0; i < nonce.length && ++nonce[i] == 0; i++) {
            // carry into the next byte (little-endian increment)
        }
    }

    /**
     * Seals {@code len} bytes of src at {@code index} and appends them to dst ({@code len + 16} bytes,
     * dst grows as needed); src's indices do not move.
     */
    void seal(ByteBuf src, int index, int len, ByteBuf dst) {
        dst.ensureWritable(len + TAG);
        int w = dst.writerIndex();
        try {
            sealer.seal(nonce, src, index, len, dst, w);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
        nextNonce();
        dst.writerIndex(w + len + TAG);
    }

    /** Opens {@code len} sealed bytes of src at {@code index} and appends the plain {@code len - 16} to dst. */
    void open(ByteBuf src, int index, int len, ByteBuf dst) throws SsException {
        if (len < TAG) {
            throw new SsException("cipher: message authentication failed");
        }
        dst.ensureWritable(len - TAG);
        int w = dst.writerIndex();
        boolean authentic;
        try {
            authentic = sealer.open(nonce, src, index, len, dst, w);
        } catch (GeneralSecurityException e) {
            throw new SsException("cipher: " + e.getMessage());
        }
        nextNonce();
        if (!authentic) {
            throw new SsException("cipher: message authentication failed");
        }
        dst.writerIndex(w + len - TAG);
    }

    /** Seals {@code len} bytes into {@code out} (len + 16 bytes); in and out must not be the same array. */
    int seal(byte[] in, int off, int len, byte[] out, int outOff) {
        seal(Unpooled.wrappedBuffer(in, off, len), 0, len, Unpooled.wrappedBuffer(out, outOff, len + TAG).clear());
        return len + TAG;
    }

    /** Opens {@code len} sealed bytes into {@code out} (len - 16 bytes). */
    int open(byte[] in, int off, int len, byte[] out, int outOff) throws SsException {
        if (len < TAG) {
            throw new SsException("cipher: message authentication failed");
        }
        open(Unpooled.wrappedBuffer(in, off, len), 0, len, Unpooled.wrappedBuffer(out, outOff, len - TAG).clear());
        return len - TAG;
    }
}
