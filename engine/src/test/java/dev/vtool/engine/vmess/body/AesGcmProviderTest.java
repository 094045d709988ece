package dev.vtool.engine.vmess.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** ACCP's AES-GCM must be byte-for-byte the JDK's, across the 16-bit nonce counter's wrap. */
class AesGcmProviderTest {
    private static final byte[] KEY = ByteBufUtil.decodeHexDump("00112233445566778899aabbccddeeff");
    private static final byte[] IV = ByteBufUtil.decodeHexDump("0f0e0d0c0b0a09080706050403020100");

    private static boolean linuxX64() {
        return System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
    }

    @Test
    void accpLoadsOnLinuxX64() {
        assumeTrue(linuxX64(), "ACCP ships a native library for linux-x86_64 only");
        assumeTrue(Boolean.parseBoolean(System.getProperty("vtool.crypto.accp", "true")), "ACCP switched off");
        assertNotNull(AesGcmProvider.accp(), "ACCP did not load: the body falls back to the slower JDK AES-GCM");
    }

    @Test
    void accpAndJdkAgreeAcrossTheNonceWrap() throws Exception {
        assumeTrue(AesGcmProvider.accp() != null, "ACCP not loaded here");
        Cipher jdk = Cipher.getInstance(AesGcmProvider.TRANSFORMATION);
        Cipher accp = Cipher.getInstance(AesGcmProvider.TRANSFORMATION, AesGcmProvider.accp());
        JcaAeadSealer accpSeal = JcaAeadSealer.aes128Gcm(accp, KEY, IV, true);
        JcaAeadSealer accpOpen = JcaAeadSealer.aes128Gcm(
                Cipher.getInstance(AesGcmProvider.TRANSFORMATION, AesGcmProvider.accp()), KEY, IV, false);
        JcaAeadSealer jdkSeal = JcaAeadSealer.aes128Gcm(jdk, KEY, IV, true);
        JcaAeadSealer jdkOpen = JcaAeadSealer.aes128Gcm(Cipher.getInstance(AesGcmProvider.TRANSFORMATION), KEY, IV, false);
        SealerAgreement.assertAgree(accpSeal, accpOpen, jdkSeal, jdkOpen, n -> {
            for (JcaAeadSealer s : new JcaAeadSealer[] {accpSeal, accpOpen, jdkSeal, jdkOpen}) {
                s.skipChunks(n);
            }
        });
    }

    @Test
    void accpRejectsATamperedChunk() throws Exception {
        assumeTrue(AesGcmProvider.accp() != null, "ACCP not loaded here");
        JcaAeadSealer seal = JcaAeadSealer.aes128Gcm(KEY, IV, true);
        JcaAeadSealer open = JcaAeadSealer.aes128Gcm(KEY, IV, false);
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5});
        ByteBuf sealed = Unpooled.buffer();
        ByteBuf out = Unpooled.buffer();
        try {
            seal.seal(in, 0, 5, sealed);
            sealed.setByte(2, sealed.getByte(2) ^ 1);
            VmessException e = assertThrows(VmessException.class, () -> open.open(sealed, 0, sealed.readableBytes(), out));
            assertEquals("failed to read chunk > cipher: message authentication failed", e.getMessage());
            assertArrayEquals(new byte[0], ByteBufUtil.getBytes(out));
        } finally {
            in.release();
            sealed.release();
            out.release();
        }
    }
}
