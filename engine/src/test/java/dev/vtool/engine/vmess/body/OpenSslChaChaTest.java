package dev.vtool.engine.vmess.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenSSL's ChaCha20-Poly1305 (Java 22+) must be byte-for-byte the JDK's, in direct and heap buffers,
 * across the nonce counter's wrap. Runs in the JDK 25 fork of the build (profile openssl-ffm), where it
 * must be available; on an older JDK it skips.
 */
class OpenSslChaChaTest {
    private static final byte[] KEY = ByteBufUtil.decodeHexDump("00112233445566778899aabbccddeeff");
    private static final byte[] IV = ByteBufUtil.decodeHexDump("0f0e0d0c0b0a09080706050403020100");

    @BeforeEach
    void available() {
        if (Boolean.getBoolean("vtool.expect.openssl")) {
            assertTrue(ChaChaSealers.openSslAvailable(), "OpenSSL ChaCha20-Poly1305 did not load on JDK " + Runtime.version());
        }
        assumeTrue(ChaChaSealers.openSslAvailable(), "OpenSSL ChaCha20-Poly1305 needs Java 22+ and libcrypto.so.3");
    }

    private static void skip(ChunkSealer sealer, int n) throws ReflectiveOperationException {
        Method m = sealer.getClass().getDeclaredMethod("skipChunks", int.class);
        m.setAccessible(true);
        m.invoke(sealer, n);
    }

    @Test
    void openSslAndJdkAgreeAcrossTheNonceWrap() throws Exception {
        ChunkSealer sslSeal = ChaChaSealers.openSsl(KEY, IV, true);
        ChunkSealer sslOpen = ChaChaSealers.openSsl(KEY, IV, false);
        assertNotNull(sslSeal);
        JcaAeadSealer jdkSeal = JcaAeadSealer.chacha20Poly1305(KEY, IV, true);
        JcaAeadSealer jdkOpen = JcaAeadSealer.chacha20Poly1305(KEY, IV, false);
        SealerAgreement.assertAgree(sslSeal, sslOpen, jdkSeal, jdkOpen, n -> {
            skip(sslSeal, n);
            skip(sslOpen, n);
            jdkSeal.skipChunks(n);
            jdkOpen.skipChunks(n);
        });
    }

    @Test
    void aTamperedChunkIsRefusedAndNothingIsWritten() throws Exception {
        ChunkSealer seal = ChaChaSealers.openSsl(KEY, IV, true);
        ChunkSealer open = ChaChaSealers.openSsl(KEY, IV, false);
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5});
        ByteBuf sealed = Unpooled.directBuffer();
        ByteBuf out = Unpooled.directBuffer();
        try {
            seal.seal(in, 0, 5, sealed);
            sealed.setByte(20, sealed.getByte(20) ^ 1); // in the tag
            VmessException e = assertThrows(VmessException.class, () -> open.open(sealed, 0, sealed.readableBytes(), out));
            assertEquals("failed to read chunk > cipher: message authentication failed", e.getMessage());
            assertEquals(0, out.readableBytes());
            assertThrows(VmessException.class, () -> open.open(sealed, 0, 15, out), "shorter than a tag");
        } finally {
            in.release();
            sealed.release();
            out.release();
        }
    }

    @Test
    void theBodyCodecsPickOpenSsl() throws Exception {
        assertEquals("OpenSslChaCha20Poly1305", ChaChaSealers.create(KEY, IV, true).getClass().getSimpleName());
    }
}
