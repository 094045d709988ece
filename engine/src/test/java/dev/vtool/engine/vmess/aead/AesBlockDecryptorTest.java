package dev.vtool.engine.vmess.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The table decryptor against FIPS-197's example and against the JDK's AES on random keys and blocks. */
class AesBlockDecryptorTest {
    private static byte[] decrypt(byte[] key, byte[] block) {
        ByteBuffer in = ByteBuffer.wrap(block);
        int[] out = new int[4];
        AesBlockDecryptor.decrypt(AesBlockDecryptor.schedule(key), 0, in.getInt(), in.getInt(), in.getInt(), in.getInt(), out);
        ByteBuffer plain = ByteBuffer.allocate(16);
        for (int w : out) {
            plain.putInt(w);
        }
        return plain.array();
    }

    @Test
    void fips197AppendixC1() {
        HexFormat hex = HexFormat.of();
        assertArrayEquals(hex.parseHex("00112233445566778899aabbccddeeff"),
                decrypt(hex.parseHex("000102030405060708090a0b0c0d0e0f"), hex.parseHex("69c4e0d86a7b0430d8cdb78070b4c55a")));
    }

    @Test
    void matchesTheJdkOnRandomKeysAndBlocks() throws Exception {
        Random random = new Random(19);
        Cipher jdk = Cipher.getInstance("AES/ECB/NoPadding");
        for (int i = 0; i < 2000; i++) {
            byte[] key = new byte[16];
            byte[] block = new byte[16];
            random.nextBytes(key);
            random.nextBytes(block);
            jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
            assertArrayEquals(jdk.doFinal(block), decrypt(key, block), "key " + HexFormat.of().formatHex(key));
        }
    }

    @Test
    void refusesOtherKeySizes() {
        assertThrows(IllegalArgumentException.class, () -> AesBlockDecryptor.schedule(new byte[24]));
    }
}
