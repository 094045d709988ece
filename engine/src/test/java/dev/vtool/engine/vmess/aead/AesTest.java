package dev.vtool.engine.vmess.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The handshake's GCM helpers reuse one Cipher per thread; the JDK refuses to seal twice in a row with
 * the same key and nonce on one Cipher, which the helpers must still do (known vectors, retries).
 */
class AesTest {
    private static final byte[] KEY = new byte[16];
    private static final byte[] NONCE = new byte[12];
    private static final byte[] PLAIN = "vmess".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theSameKeyAndNonceSealTheSameBytesTwiceOnOneThread() {
        byte[] first = Aes.gcmSeal(KEY, NONCE, PLAIN, null);
        byte[] second = Aes.gcmSeal(KEY, NONCE, PLAIN, null);
        assertArrayEquals(first, second);
        assertArrayEquals(PLAIN, Aes.gcmOpen(KEY, NONCE, second, 0, second.length, null));
    }

    @Test
    void aWrongTagOpensToNullAndTheNextOpenStillWorks() {
        byte[] sealed = Aes.gcmSeal(KEY, NONCE, PLAIN, new byte[] {1});
        byte[] tampered = sealed.clone();
        tampered[0] ^= 1;
        assertNull(Aes.gcmOpen(KEY, NONCE, tampered, 0, tampered.length, new byte[] {1}));
        assertArrayEquals(PLAIN, Aes.gcmOpen(KEY, NONCE, sealed, 0, sealed.length, new byte[] {1}));
    }
}
