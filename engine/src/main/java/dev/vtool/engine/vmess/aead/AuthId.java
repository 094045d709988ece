package dev.vtool.engine.vmess.aead;

import java.nio.ByteBuffer;
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
            CRC32 crc = new CRC32();
            crc.update(block, 0, 12);
            int expected = ByteBuffer.wrap(block, 12, 4).getInt();
            if ((int) crc.getValue() != expected) {
                return Long.MIN_VALUE;
            }
            long ts = ByteBuffer.wrap(block, 0, 8).getLong();
            if (ts < 0 || Math.abs(ts - nowSeconds) > WINDOW_SECONDS) {
                return Long.MIN_VALUE;
            }
            return ts;
        }
    }
}
