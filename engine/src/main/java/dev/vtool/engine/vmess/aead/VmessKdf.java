package dev.vtool.engine.vmess.aead;

import dev.vtool.engine.vmess.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;


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

    /**
     * A 32-byte hash with a 64-byte block (SHA-256 or an HMAC over one) that can be copied mid-stream.
     * Copies are what make the tower cheap: a level's keyed starting states are built once and copied
     * for each use, where building them anew costs twice the level below, i.e. 2^depth SHA-256 runs.
     */
    private interface Hash {
        void update(byte[] data, int off, int len);

        byte[] digest();

        /** A new hash in this one's starting state (nothing absorbed yet). */
        Hash fresh();

        /** An independent hash in this one's current state. */
        Hash copy();
    }

    private static final class Sha256 implements Hash {
        private final MessageDigest md;

        Sha256() {
            this(Digests.sha256());
        }

        private Sha256(MessageDigest md) {
            this.md = md;
        }

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

        @Override
        public Hash copy() {
            try {
                return new Sha256((MessageDigest) md.clone());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
            }
        }
    }

    /** An HMAC key over an inner hash: the starting states after (k ^ ipad) and (k ^ opad), immutable. */
    private static final class Keyed {
        final Hash innerStart;
        final Hash outerStart;

        Keyed(Hash prototype, byte[] rawKey) {
            byte[] k = rawKey;
            if (k.length > BLOCK) {
                Hash h = prototype.fresh();
                h.update(k, 0, k.length);
                k = h.digest();
            }
            byte[] key = Arrays.copyOf(k, BLOCK);
            byte[] pad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) (key[i] ^ 0x36);
            }
            innerStart = prototype.fresh();
            innerStart.update(pad, 0, BLOCK);
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) (key[i] ^ 0x5c);
            }
            outerStart = prototype.fresh();
            outerStart.update(pad, 0, BLOCK);
        }
    }

    /** HMAC[inner-hash](key): H((k ^ opad) || H((k ^ ipad) || m)), block 64 at every level. */
    private static final class Hmac implements Hash {
        private final Keyed keyed;
        private final Hash inner;

        Hmac(Keyed keyed) {
            this(keyed, keyed.innerStart.copy());
        }

        private Hmac(Keyed keyed, Hash inner) {
            this.keyed = keyed;
            this.inner = inner;
        }

        @Override
        public void update(byte[] data, int off, int len) {
            inner.update(data, off, len);
        }

        @Override
        public byte[] digest() {
            byte[] innerDigest = inner.digest();
            Hash outer = keyed.outerStart.copy();
            outer.update(innerDigest, 0, innerDigest.length);
            return outer.digest();
        }

        @Override
        public Hash fresh() {
            return new Hmac(keyed);
        }

        @Override
        public Hash copy() {
            return new Hmac(keyed, inner.copy());
        }
    }

    /** HMAC-SHA256("VMess AEAD KDF"), the root every derivation starts from. */
    private static final Keyed ROOT_KEYED = new Keyed(new Sha256(), ascii(ROOT));
    /** The root's HMAC keyed with each label above (every derivation's first path), built once. */
    private static final Map<String, Keyed> LABELS = labels(AUTH_ID_ENCRYPTION_KEY, HEADER_LENGTH_KEY,
            HEADER_LENGTH_NONCE, HEADER_PAYLOAD_KEY, HEADER_PAYLOAD_NONCE, RESPONSE_LENGTH_KEY,
            RESPONSE_LENGTH_NONCE, RESPONSE_PAYLOAD_KEY, RESPONSE_PAYLOAD_NONCE);

    private static Map<String, Keyed> labels(String... labels) {
        Map<String, Keyed> out = new HashMap<>();
        for (String label : labels) {
            out.put(label, labelled(label));
        }
        return Map.copyOf(out);
    }

    private static Keyed labelled(String label) {
        return new Keyed(new Hmac(ROOT_KEYED), ascii(label));
    }

    /** KDF(K, path...) = 32 bytes. Paths may be binary (AuthID, connection nonce). */
    public static byte[] kdf(byte[] key, byte[]... path) {
        Hash h = new Hmac(ROOT_KEYED);
        for (byte[] p : path) {
            h = new Hmac(new Keyed(h, p));
        }
        h.update(key, 0, key.length);
        return h.digest();
    }

    public static byte[] kdf(byte[] key, String path, byte[]... more) {
        Keyed first = LABELS.get(path);
        Hash h = new Hmac(first != null ? first : labelled(path));
        for (byte[] p : more) {
            h = new Hmac(new Keyed(h, p));
        }
        h.update(key, 0, key.length);
        return h.digest();
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
