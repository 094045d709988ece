package dev.vtool.engine.vmess.aead;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The 16-byte AuthID that opens an AEAD request: AES-128-ECB(KDF16(cmdKey, "AES Auth ID Encryption"),
 * BE64(ts) || rand4 || CRC32(first 12 bytes)).
 */
public final class AuthId {
    public static final int SIZE = 16;
    /** Accepted clock difference, seconds, both directions. */
    public static final long WINDOW_SECONDS = 120;
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private AuthId() {
    }

    public static byte[] authIdKey(byte[] cmdKey) {
        return VmessKdf.kdf16(cmdKey, VmessKdf.AUTH_ID_ENCRYPTION_KEY);
    }

    /** The plaintext block before encryption. */
    public static byte[] plainBlock(long unixSeconds, byte[] random4) {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putLong(unixSeconds).put(random4, 0, 4);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 12);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    public static byte[] create(byte[] cmdKey, long unixSeconds, byte[] random4) {
        try {
            return Aes.ecb(authIdKey(cmdKey), true).doFinal(plainBlock(unixSeconds, random4));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The AuthID as four big-endian words, the form {@link Decoder#validTimestamp(int[], int[], long)} takes. */
    public static int[] words(byte[] authId) {
        return new int[] {(int) BIG_ENDIAN_INT.get(authId, 0), (int) BIG_ENDIAN_INT.get(authId, 4),
                (int) BIG_ENDIAN_INT.get(authId, 8), (int) BIG_ENDIAN_INT.get(authId, 12)};
    }

    /**
     * One user's AuthID decryptor: the user's AES key schedule, immutable, so any number of threads
     * may use it at once.
     */
    public static final class Decoder {
        private final int[] schedule;

        public Decoder(byte[] cmdKey) {
            this.schedule = AesBlockDecryptor.schedule(authIdKey(cmdKey));
        }

        /**
         * Returns the timestamp when the AuthID decrypts to a block with a valid CRC, a
         * non-negative time and |ts - now| within the window; otherwise {@code Long.MIN_VALUE}.
         */
        public long validTimestamp(byte[] authId, long nowSeconds) {
            return validTimestamp(words(authId), new int[4], nowSeconds);
        }

        /** The same for an AuthID already in {@link #words} form, with a 4-int scratch array of the caller's. */
        public long validTimestamp(int[] authWords, int[] scratch, long nowSeconds) {
            AesBlockDecryptor.decrypt(schedule, 0, authWords[0], authWords[1], authWords[2], authWords[3], scratch);
            // The window first: a wrong user's key decrypts to random bytes, which fail it with
            // probability 1 - 2^-55, so the CRC is only computed for the right user.
            long ts = (long) scratch[0] << 32 | (scratch[1] & 0xFFFFFFFFL);
            if (ts < 0 || Math.abs(ts - nowSeconds) > WINDOW_SECONDS) {
                return Long.MIN_VALUE;
            }
            byte[] first12 = new byte[12];
            BIG_ENDIAN_INT.set(first12, 0, scratch[0]);
            BIG_ENDIAN_INT.set(first12, 4, scratch[1]);
            BIG_ENDIAN_INT.set(first12, 8, scratch[2]);
            CRC32 crc = new CRC32();
            crc.update(first12, 0, 12);
            if ((int) crc.getValue() != scratch[3]) {
                return Long.MIN_VALUE;
            }
            return ts;
        }
    }
}
