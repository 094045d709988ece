package dev.vtool.engine.vmess;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two kinds of randomness VMess uses: a CSPRNG for keys, nonces and AuthID, and a cheap RNG for
 * header padding length, timestamp jitter and filler. Tests replace it to reproduce fixed vectors.
 */
public interface VmessRandom {
    /** Fills with cryptographically strong bytes. */
    void secureBytes(byte[] out);

    /** Uniform in [0, bound) from a non-cryptographic generator. */
    int nextInt(int bound);

    VmessRandom SYSTEM = new VmessRandom() {
        private final SecureRandom secure = new SecureRandom();

        @Override
        public void secureBytes(byte[] out) {
            secure.nextBytes(out);
        }

        @Override
        public int nextInt(int bound) {
            return ThreadLocalRandom.current().nextInt(bound);
        }
    };
}
