package dev.vtool.engine.vmess.encoding;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-server behaviour seed of 4.34: CRC-64 (ECMA polynomial, Go's crc64 conventions) chained
 * over HMAC-SHA256(key "VMESSBSKDF", uuid) of each user, in configuration order.
 */
public final class BehaviorSeed {
    private static final long ECMA_REVERSED = 0xC96C5795D7870F42L;
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int j = 0; j < 8; j++) {
                crc = (crc & 1) == 1 ? (crc >>> 1) ^ ECMA_REVERSED : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private BehaviorSeed() {
    }

    /** Go's {@code crc64.Update(crc, MakeTable(ECMA), data)}. */
    public static long crc64Update(long crc, byte[] data) {
        long c = ~crc;
        for (byte b : data) {
            c = TABLE[(int) ((c ^ b) & 0xFF)] ^ (c >>> 8);
        }
        return ~c;
    }

    public static long addUser(long seed, byte[] uuid) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("VMESSBSKDF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "HmacSHA256"));
            return crc64Update(seed, mac.doFinal(uuid));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
