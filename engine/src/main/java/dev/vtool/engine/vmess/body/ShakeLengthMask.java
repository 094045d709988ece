package dev.vtool.engine.vmess.body;

import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * ChunkMasking (0x04): SHAKE128(IV) read as an endless stream of big-endian u16 draws. With
 * GlobalPadding (0x08) each chunk draws its padding length (mod 64) first, then its mask.
 */
final class ShakeLengthMask {
    private final SHAKEDigest shake = new SHAKEDigest(128);
    private final byte[] two = new byte[2];

    ShakeLengthMask(byte[] iv) {
        shake.update(iv, 0, iv.length);
    }

    int next() {
        shake.doOutput(two, 0, 2);
        return (two[0] & 0xFF) << 8 | (two[1] & 0xFF);
    }

    int nextPadding() {
        return next() % 64;
    }
}
