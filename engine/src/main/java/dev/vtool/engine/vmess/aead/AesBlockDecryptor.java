package dev.vtool.engine.vmess.aead;

/**
 * AES-128 single-block decryption in plain Java over a precomputed decryption key schedule (the
 * table form of FIPS-197's equivalent inverse cipher). It exists for the AuthID lookup alone, which
 * decrypts one block under each user's key until one fits: through javax.crypto every block costs a
 * Cipher's bookkeeping layers (about 0.5 µs a user, most of a 1,000-user handshake), while a table
 * round over an int[44] per user is a few dozen loads and no lock. Bulk and authenticated encryption
 * stay with javax.crypto (AES-NI); this is not constant time, which the AuthID does not need: a
 * wrong key's output is random and thrown away, the right key's timing depends on the public
 * AuthID only.
 */
public final class AesBlockDecryptor {
    /** Ints in one key schedule: 11 round keys of 4 words. */
    public static final int SCHEDULE_INTS = 44;

    private static final int[] SBOX = new int[256];
    private static final int[] INV_SBOX = new int[256];
    private static final int[] TD0 = new int[256];
    private static final int[] TD1 = new int[256];
    private static final int[] TD2 = new int[256];
    private static final int[] TD3 = new int[256];

    static {
        // S-box from the multiplicative inverse (p walks the powers of 3, q those of its inverse)
        int p = 1;
        int q = 1;
        do {
            p = (p ^ (p << 1) ^ ((p & 0x80) != 0 ? 0x1B : 0)) & 0xFF;
            q ^= q << 1;
            q ^= q << 2;
            q ^= q << 4;
            q &= 0xFF;
            if ((q & 0x80) != 0) {
                q ^= 0x09;
            }
            int x = q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4);
            SBOX[p] = (x ^ 0x63) & 0xFF;
        } while (p != 1);
        SBOX[0] = 0x63;
        for (int i = 0; i < 256; i++) {
            INV_SBOX[SBOX[i]] = i;
        }
        for (int i = 0; i < 256; i++) {
            int s = INV_SBOX[i];
            int w = mul(s, 0x0E) << 24 | mul(s, 0x09) << 16 | mul(s, 0x0D) << 8 | mul(s, 0x0B);
            TD0[i] = w;
            TD1[i] = Integer.rotateRight(w, 8);
            TD2[i] = Integer.rotateRight(w, 16);
            TD3[i] = Integer.rotateRight(w, 24);
        }
    }

    private AesBlockDecryptor() {
    }

    private static int rotl8(int x, int n) {
        return ((x << n) | (x >>> (8 - n))) & 0xFF;
    }

    private static int mul(int a, int b) {
        int r = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                r ^= a;
            }
            a = (a << 1) ^ ((a & 0x80) != 0 ? 0x11B : 0);
            b >>>= 1;
        }
        return r & 0xFF;
    }

    /** The decryption schedule of a 16-byte key: round keys in reverse order, inner ones through InvMixColumns. */
    public static int[] schedule(byte[] key16) {
        if (key16.length != 16) {
            throw new IllegalArgumentException("AES-128 key must be 16 bytes, got " + key16.length);
        }
        int[] w = new int[SCHEDULE_INTS];
        for (int i = 0; i < 4; i++) {
            w[i] = (key16[4 * i] & 0xFF) << 24 | (key16[4 * i + 1] & 0xFF) << 16 | (key16[4 * i + 2] & 0xFF) << 8 | (key16[4 * i + 3] & 0xFF);
        }
        int rcon = 1;
        for (int i = 4; i < SCHEDULE_INTS; i++) {
            int t = w[i - 1];
            if (i % 4 == 0) {
                t = subWord(Integer.rotateLeft(t, 8)) ^ (rcon << 24);
                rcon = mul(rcon, 2);
            }
            w[i] = w[i - 4] ^ t;
        }
        int[] d = new int[SCHEDULE_INTS];
        for (int round = 0; round <= 10; round++) {
            for (int j = 0; j < 4; j++) {
                int k = w[4 * (10 - round) + j];
                d[4 * round + j] = round == 0 || round == 10 ? k : invMixColumn(k);
            }
        }
        return d;
    }

    private static int subWord(int x) {
        return SBOX[x >>> 24] << 24 | SBOX[(x >>> 16) & 0xFF] << 16 | SBOX[(x >>> 8) & 0xFF] << 8 | SBOX[x & 0xFF];
    }

    /** InvMixColumns of one word: the Td tables hold InvSubBytes first, so the S-box undoes it. */
    private static int invMixColumn(int x) {
        return TD0[SBOX[x >>> 24]] ^ TD1[SBOX[(x >>> 16) & 0xFF]] ^ TD2[SBOX[(x >>> 8) & 0xFF]] ^ TD3[SBOX[x & 0xFF]];
    }

    /**
     * Decrypts the block given as four big-endian words under the schedule at {@code rk[off..off+44)}
     * into {@code out[0..4)}.
     */
    public static void decrypt(int[] rk, int off, int c0, int c1, int c2, int c3, int[] out) {
        int s0 = c0 ^ rk[off];
        int s1 = c1 ^ rk[off + 1];
        int s2 = c2 ^ rk[off + 2];
        int s3 = c3 ^ rk[off + 3];
        int k = off + 4;
        for (int round = 1; round < 10; round++, k += 4) {
            int t0 = TD0[s0 >>> 24] ^ TD1[(s3 >>> 16) & 0xFF] ^ TD2[(s2 >>> 8) & 0xFF] ^ TD3[s1 & 0xFF] ^ rk[k];
            int t1 = TD0[s1 >>> 24] ^ TD1[(s0 >>> 16) & 0xFF] ^ TD2[(s3 >>> 8) & 0xFF] ^ TD3[s2 & 0xFF] ^ rk[k + 1];
            int t2 = TD0[s2 >>> 24] ^ TD1[(s1 >>> 16) & 0xFF] ^ TD2[(s0 >>> 8) & 0xFF] ^ TD3[s3 & 0xFF] ^ rk[k + 2];
            int t3 = TD0[s3 >>> 24] ^ TD1[(s2 >>> 16) & 0xFF] ^ TD2[(s1 >>> 8) & 0xFF] ^ TD3[s0 & 0xFF] ^ rk[k + 3];
            s0 = t0;
            s1 = t1;
            s2 = t2;
            s3 = t3;
        }
        int[] si = INV_SBOX;
        out[0] = (si[s0 >>> 24] << 24 | si[(s3 >>> 16) & 0xFF] << 16 | si[(s2 >>> 8) & 0xFF] << 8 | si[s1 & 0xFF]) ^ rk[k];
        out[1] = (si[s1 >>> 24] << 24 | si[(s0 >>> 16) & 0xFF] << 16 | si[(s3 >>> 8) & 0xFF] << 8 | si[s2 & 0xFF]) ^ rk[k + 1];
        out[2] = (si[s2 >>> 24] << 24 | si[(s1 >>> 16) & 0xFF] << 16 | si[(s0 >>> 8) & 0xFF] << 8 | si[s3 & 0xFF]) ^ rk[k + 2];
        out[3] = (si[s3 >>> 24] << 24 | si[(s2 >>> 16) & 0xFF] << 16 | si[(s1 >>> 8) & 0xFF] << 8 | si[s0 & 0xFF]) ^ rk[k + 3];
    }
}
