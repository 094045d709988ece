package dev.vtool.engine.vmess;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** MD5 and SHA-256 one-shots; both are mandatory in every JRE. */
public final class Digests {
    private Digests() {
    }

    public static MessageDigest md5() {
        return get("MD5");
    }

    public static MessageDigest sha256() {
        return get("SHA-256");
    }

    public static byte[] md5(byte[]... parts) {
        MessageDigest d = md5();
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    public static byte[] sha256First16(byte[] data) {
        byte[] out = new byte[16];
        System.arraycopy(sha256().digest(data), 0, out, 0, 16);
        return out;
    }

    private static MessageDigest get(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from the JRE", e);
        }
    }
}
