package dev.vtool.engine.vmess.legacy;

import dev.vtool.engine.vmess.Digests;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The legacy (MD5) header's time auth and header IV. */
public final class LegacyAuth {
    public static final int HASH_SIZE = 16;

    private LegacyAuth() {
    }

    /** A reusable HMAC-MD5 keyed with one id; not thread safe. */
    public static Mac userHasher(byte[] idBytes) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(idBytes, "HmacMD5"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    /** {@code HMAC-MD5(key = id, BE64(ts))}, the 16 bytes a legacy client sends first. */
    public static byte[] userHash(Mac hasher, long timestamp) {
        return hasher.doFinal(ByteBuffer.allocate(8).putLong(timestamp).array());
    }

    public static byte[] userHash(byte[] idBytes, long timestamp) {
        return userHash(userHasher(idBytes), timestamp);
    }

    /** Header CFB IV: MD5 of the 8-byte timestamp repeated four times. */
    public static byte[] headerIv(long timestamp) {
        byte[] ts = ByteBuffer.allocate(8).putLong(timestamp).array();
        MessageDigest md = Digests.md5();
        for (int i = 0; i < 4; i++) {
            md.update(ts);
        }
        return md.digest();
    }
}
