package dev.vtool.engine.vmess.body;

import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * ChunkMasking (0x04): SHAKE128(IV) read as an endless stream of big-endian u16 draws. With
 * GlobalPadding (0x08) each chunk draws its padding length (mod 64) first, then its mask.
 * The stream is squeezed one SHAKE128 block (168 bytes) at a time and served from that block:
 * the same bytes as squeezing two at a time, without a digest call per chunk.
 */
final class ShakeLengthMask {
    /** SHAKE128's rate; a multiple of 2, so a draw never straddles two blocks. */
    private static final int BLOCK = 168;
    private final SHAKEDigest shake = new SHAKEDigest(128);
    private final byte[] block = new byte[BLOCK];
    private int pos = BLOCK;

    ShakeLengthMask(byte[] iv) {
        shake.update(iv, 0, iv.length);
    }

    int next() {
        if (pos == BLOCK) {
            shake.doOutput(block, 0, BLOCK);
            pos = 0;
        }
        int v = (block[pos] & 0xFF) << 8 | (block[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int nextPadding() {
        return next() % 64;
    }
}
