package dev.vtool.engine.transport.kcp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What 4.34 wraps the segments of one datagram in: without {@code seed} the "simple authenticator" (an
 * FNV-1a checksum, a length and a running XOR: obfuscation, not security); with a {@code seed} (even an
 * empty one) AES-128-GCM keyed by SHA-256 of the seed, with a fresh 12-byte nonce in front.
 */
interface KcpEnvelope {
    /** The bytes 4.34 counts as envelope overhead when it sizes segments (the seed's nonce is not counted). */
    int overhead();

    byte[] seal(byte[] segments);

    /** The segments, or null when the datagram does not open. */
    byte[] open(byte[] datagram, int offset, int length);

    static KcpEnvelope of(String seed) {
        return seed == null ? new Simple() : new Seeded(seed);
    }

    /** FNV-1a-32 of (BE16 length || segments), prepended, then each byte from the 5th XORed with the one 4 before. */
    final class Simple implements KcpEnvelope {
        @Override
        public int overhead() {
            return 6;
        }

        @Override
        public byte[] seal(byte[] segments) {
            byte[] x = new byte[segments.length + 6];
            x[4] = (byte) (segments.length >>> 8);
            x[5] = (byte) segments.length;
            System.arraycopy(segments, 0, x, 6, segments.length);
            int h = fnv(x, 4, x.length);
            x[0] = (byte) (h >>> 24);
            x[1] = (byte) (h >>> 16);
            x[2] = (byte) (h >>> 8);
            x[3] = (byte) h;
            for (int i = 4; i < x.length; i++) {
                x[i] ^= x[i - 4];
            }
            return x;
        }

        @Override
        public byte[] open(byte[] datagram, int offset, int length) {
            if (length < 6) {
                return null;
            }
            byte[] x = Arrays.copyOfRange(datagram, offset, offset + length);
            for (int i = x.length - 1; i >= 4; i--) {
                x[i] ^= x[i - 4];
            }
            int h = (x[0] & 0xFF) << 24 | (x[1] & 0xFF) << 16 | (x[2] & 0xFF) << 8 | x[3] & 0xFF;
            if (h != fnv(x, 4, x.length)) {
                return null;
            }
            int len = (x[4] & 0xFF) << 8 | x[5] & 0xFF;
            if (len != x.length - 6) {
                return null;
            }
            return Arrays.copyOfRange(x, 6, x.length);
        }

        private static int fnv(byte[] b, int from, int to) {
            int h = 0x811c9dc5;
            for (int i = from; i < to; i++) {
                h ^= b[i] & 0xFF;
                h *= 0x01000193;
            }
            return h;
        }
    }

    /** AES-128-GCM, key = SHA-256(seed)[0..16), nonce(12) || ciphertext || tag(16), no AAD. */
    final class Seeded implements KcpEnvelope {
        private static final SecureRandom RANDOM = new SecureRandom();
        private final SecretKeySpec key;

        Seeded(String seed) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
                key = new SecretKeySpec(Arrays.copyOf(digest, 16), "AES");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }

        byte[] key() {
            return key.getEncoded();
        }

        @Override
        public int overhead() {
            return 16;
        }

        @Override
        public byte[] seal(byte[] segments) {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            return seal(segments, nonce);
        }

        byte[] seal(byte[] segments, byte[] nonce) {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                byte[] out = new byte[12 + c.getOutputSize(segments.length)];
                System.arraycopy(nonce, 0, out, 0, 12);
                c.doFinal(segments, 0, segments.length, out, 12);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM failed", e);
            }
        }

        @Override
        public byte[] open(byte[] datagram, int offset, int length) {
            if (length < 12 + 16) {
                return null;
            }
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, datagram, offset, 12));
                return c.doFinal(datagram, offset + 12, length - 12);
            } catch (GeneralSecurityException e) {
                return null; // a forged or foreign datagram: dropped, as 4.34 drops it
            }
        }
    }
}
