package dev.vtool.engine.vmess.aead;

import dev.vtool.engine.vmess.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The VMess AEAD key derivation: a tower of HMACs in which each level's hash function is the HMAC of
 * the level below, rooted at HMAC-SHA256("VMess AEAD KDF"). javax.crypto.Mac cannot take a custom
 * hash, hence this small stack.
 */
public final class VmessKdf {
    public static final String ROOT = "VMess AEAD KDF";
    public static final String AUTH_ID_ENCRYPTION_KEY = "AES Auth ID Encryption";
    public static final String HEADER_LENGTH_KEY = "VMess Header AEAD Key_Length";
    public static final String HEADER_LENGTH_NONCE = "VMess Header AEAD Nonce_Length";
    public static final String HEADER_PAYLOAD_KEY = "VMess Header AEAD Key";
    public static final String HEADER_PAYLOAD_NONCE = "VMess Header AEAD Nonce";
    public static final String RESPONSE_LENGTH_KEY = "AEAD Resp Header Len Key";
    public static final String RESPONSE_LENGTH_NONCE = "AEAD Resp Header Len IV";
    public static final String RESPONSE_PAYLOAD_KEY = "AEAD Resp Header Key";
    public static final String RESPONSE_PAYLOAD_NONCE = "AEAD Resp Header IV";

    private static final int BLOCK = 64;

    private VmessKdf() {
    }

    /** A resettable 32-byte hash with a 64-byte block: SHA-256 or an HMAC over one. */
    private interface Hash {
        void update(byte[] data, int off, int len);

        byte[] digest();

        Hash fresh();
    }

    private static final class Sha256 implements Hash {
        private final MessageDigest md = Digests.sha256();

        @Override
        public void update(byte[] data, int off, int len) {
            md.update(data, off, len);
        }

        @Override
        public byte[] digest() {
            return md.digest();
        }

        @Override
        public Hash fresh() {
            return new Sha256();
        }
    }

    /** HMAC[inner-hash](key): H((k ^ opad) || H((k ^ ipad) || m)), block 64 at every level. */
    private static final class Hmac implements Hash {
        private final Hash prototype;
        private final byte[] key;
        private final Hash inner;

        Hmac(Hash prototype, byte[] rawKey) {
            this.prototype = prototype;
            byte[] k = rawKey;
            if (k.length > BLOCK) {
                Hash h = prototype.fresh();
                h.update(k, 0, k.length);
                k = h.digest();
            }
            this.key = Arrays.copyOf(k, BLOCK);
            this.inner = prototype.fresh();
            byte[] ipad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                ipad[i] = (byte) (key[i] ^ 0x36);
            }
            inner.update(ipad, 0, BLOCK);
        }

        @Override
        public void update(byte[] data, int off, int len) {
            inner.update(data, off, len);
        }

        @Override
        public byte[] digest() {
            byte[] innerDigest = inner.digest();
            Hash outer = prototype.fresh();
            byte[] opad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                opad[i] = (byte) (key[i] ^ 0x5c);
            }
            outer.update(opad, 0, BLOCK);
            outer.update(innerDigest, 0, innerDigest.length);
            return outer.digest();
        }

        @Override
        public Hash fresh() {
            return new Hmac(prototype, key);
        }
    }

    /** KDF(K, path...) = 32 bytes. Paths may be binary (AuthID, connection nonce). */
    public static byte[] kdf(byte[] key, byte[]... path) {
        Hash h = new Hmac(new Sha256(), ascii(ROOT));
        for (byte[] p : path) {
            h = new Hmac(h, p);
        }
        h.update(key, 0, key.length);
        return h.digest();
    }

    public static byte[] kdf(byte[] key, String path, byte[]... more) {
        byte[][] all = new byte[more.length + 1][];
        all[0] = ascii(path);
        System.arraycopy(more, 0, all, 1, more.length);
        return kdf(key, all);
    }

    public static byte[] kdf16(byte[] key, String path, byte[]... more) {
        return Arrays.copyOf(kdf(key, path, more), 16);
    }

    /** The 12-byte nonce form: the first 12 bytes of KDF. */
    public static byte[] kdf12(byte[] key, String path, byte[]... more) {
        return Arrays.copyOf(kdf(key, path, more), 12);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
