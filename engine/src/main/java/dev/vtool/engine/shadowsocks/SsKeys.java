package dev.vtool.engine.shadowsocks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shadowsocks key derivation as 4.34 does it: the master key from the password with OpenSSL's
 * EVP_BytesToKey (MD5, one round, no salt), and each direction's subkey with HKDF-SHA1 over the salt
 * (info "ss-subkey").
 */
public final class SsKeys {
    private static final byte[] INFO = "ss-subkey".getBytes(StandardCharsets.US_ASCII);

    private SsKeys() {
    }

    /** {@code D1 = MD5(pw)}, {@code Di = MD5(D(i-1) || pw)}, concatenated to {@code size} bytes. */
    public static byte[] masterKey(String password, int size) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[size];
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] d = new byte[0];
            for (int filled = 0; filled < size; filled += d.length) {
                md5.update(d);
                md5.update(pw);
                d = md5.digest();
                System.arraycopy(d, 0, key, filled, Math.min(d.length, size - filled));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
        return key;
    }

    /** RFC 5869 HKDF with HMAC-SHA1: extract with the salt, expand with "ss-subkey" to {@code size} bytes. */
    public static byte[] subkey(byte[] masterKey, byte[] salt, int saltOffset, int size) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(java.util.Arrays.copyOfRange(salt, saltOffset, saltOffset + size), "HmacSHA1"));
            byte[] prk = mac.doFinal(masterKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA1"));
            byte[] out = new byte[size];
            byte[] t = new byte[0];
            for (int filled = 0, i = 1; filled < size; filled += t.length, i++) {
                mac.update(t);
                mac.update(INFO);
                mac.update((byte) i);
                t = mac.doFinal();
                System.arraycopy(t, 0, out, filled, Math.min(t.length, size - filled));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
