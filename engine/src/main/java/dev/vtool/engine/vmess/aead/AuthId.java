package dev.vtool.engine.vmess.aead;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * The 16-byte AuthID that opens an AEAD request: AES-128-ECB(KDF16(cmdKey, "AES Auth ID Encryption"),
 * BE64(ts) || rand4 || CRC32(first 12 bytes)).
 */
public final class AuthId {
    public static final int SIZE = 16;
    /** Accepted clock difference, seconds, both directions. */
    public static final long WINDOW_SECONDS = 120;
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
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

    /**
     * One user's AuthID decryptor. Not thread safe: the caller serialises access (the matcher does).
     */
    public static final class Decoder {
        private final Cipher cipher;
        private final byte[] block = new byte[SIZE];
        private final CRC32 crc = new CRC32();

        public Decoder(byte[] cmdKey) {
            this.cipher = Aes.ecb(authIdKey(cmdKey), false);
        }

        /**
         * Returns the timestamp when the AuthID decrypts to a block with a valid CRC, a
         * non-negative time and |ts - now| within the window; otherwise {@code Long.MIN_VALUE}.
         */
        public long validTimestamp(byte[] authId, long nowSeconds) {
            try {
                cipher.update(authId, 0, SIZE, block, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            // The window first: a wrong user's key decrypts to random bytes, which fail it with
            // probability 1 - 2^-55, so the CRC is only computed for the right user.
            long ts = (long) BIG_ENDIAN_LONG.get(block, 0);
            if (ts < 0 || Math.abs(ts - nowSeconds) > WINDOW_SECONDS) {
                return Long.MIN_VALUE;
            }
            crc.reset();
            crc.update(block, 0, 12);
            if ((int) crc.getValue() != (int) BIG_ENDIAN_INT.get(block, 12)) {
                return Long.MIN_VALUE;
            }
            return ts;
        }
    }
}
