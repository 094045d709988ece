package dev.vtool.engine.vmess.aead;

import static dev.vtool.engine.vmess.Vectors.clock;
import static dev.vtool.engine.vmess.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** docs/spec/vmess.md 8.2, 8.3 and 8.5: cmdKey, KDF tower, AuthID, sealed request and response headers. */
class AeadVectorsTest {
    private final byte[] cmdKey = VmessId.parse("b831381d-6324-4d53-ad4f-8cda48b30811").cmdKey();
    private final byte[] authId = hex("authid");
    private final byte[] nonce = hex("connection.nonce");

    @Test
    void cmdKeyIsMd5OfUuidAndSalt() {
        assertArrayEquals(hex("cmdkey"), cmdKey);
        assertArrayEquals(hex("uuid"), VmessId.parse("b831381d63244d53ad4f8cda48b30811").uuid());
    }

    @Test
    void kdfWithoutPathIsPlainHmacSha256() {
        assertArrayEquals(hex("kdf.nopath"), VmessKdf.kdf(cmdKey));
    }

    @Test
    void kdfTowerMatchesEveryHeaderKeyAndNonce() {
        assertArrayEquals(hex("kdf16.authid.key"), VmessKdf.kdf16(cmdKey, VmessKdf.AUTH_ID_ENCRYPTION_KEY));
        assertArrayEquals(hex("header.length.key"), VmessKdf.kdf16(cmdKey, VmessKdf.HEADER_LENGTH_KEY, authId, nonce));
        assertArrayEquals(hex("header.length.nonce"), VmessKdf.kdf12(cmdKey, VmessKdf.HEADER_LENGTH_NONCE, authId, nonce));
        assertArrayEquals(hex("header.payload.key"), VmessKdf.kdf16(cmdKey, VmessKdf.HEADER_PAYLOAD_KEY, authId, nonce));
        assertArrayEquals(hex("header.payload.nonce"), VmessKdf.kdf12(cmdKey, VmessKdf.HEADER_PAYLOAD_NONCE, authId, nonce));
    }

    @Test
    void responseKeysComeFromRespKeyAndNoncesFromRespIv() {
        byte[] respKey = hex("aead.resp.key");
        byte[] respIv = hex("aead.resp.iv");
        assertArrayEquals(hex("resp.length.key"), VmessKdf.kdf16(respKey, VmessKdf.RESPONSE_LENGTH_KEY));
        assertArrayEquals(hex("resp.length.nonce"), VmessKdf.kdf12(respIv, VmessKdf.RESPONSE_LENGTH_NONCE));
        assertArrayEquals(hex("resp.payload.key"), VmessKdf.kdf16(respKey, VmessKdf.RESPONSE_PAYLOAD_KEY));
        assertArrayEquals(hex("resp.payload.nonce"), VmessKdf.kdf12(respIv, VmessKdf.RESPONSE_PAYLOAD_NONCE));
    }

    @Test
    void authIdPlainBlockAndEncryption() {
        assertArrayEquals(hex("authid.plain"), AuthId.plainBlock(clock(), hex("authid.random")));
        assertArrayEquals(authId, AuthId.create(cmdKey, clock(), hex("authid.random")));
    }

    @Test
    void authIdDecoderAcceptsOnlyInsideTheWindowWithValidCrc() {
        AuthId.Decoder d = new AuthId.Decoder(cmdKey);
        assertEquals(clock(), d.validTimestamp(authId, clock()));
        assertEquals(clock(), d.validTimestamp(authId, clock() + 120));
        assertEquals(clock(), d.validTimestamp(authId, clock() - 120));
        assertEquals(Long.MIN_VALUE, d.validTimestamp(authId, clock() + 121));
        assertEquals(Long.MIN_VALUE, d.validTimestamp(authId, clock() - 121));
        byte[] flipped = authId.clone();
        flipped[3] ^= 1;
        assertEquals(Long.MIN_VALUE, d.validTimestamp(flipped, clock()));
        assertEquals(Long.MIN_VALUE, new AuthId.Decoder(hex("alt0.cmdkey")).validTimestamp(authId, clock()));
        byte[] negative = AuthId.create(cmdKey, -5, hex("authid.random"));
        assertEquals(Long.MIN_VALUE, d.validTimestamp(negative, -5));
    }

    @Test
    void sealedRequestHeaderIsByteExact() {
        assertArrayEquals(hex("aead.wire"), SealedRequestHeader.seal(cmdKey, authId, nonce, hex("aead.plaintext")));
    }

    @Test
    void openerReturnsThePlaintextEvenFedByteByByte() throws VmessException {
        byte[] wire = hex("aead.wire");
        SealedRequestHeader.Opener o = new SealedRequestHeader.Opener(cmdKey, authId);
        ByteBuf in = Unpooled.buffer();
        byte[] result = null;
        for (int i = 16; i < wire.length; i++) {
            assertNull(result, "opened before the last byte");
            in.writeByte(wire[i]);
            result = o.tryOpen(in);
        }
        assertArrayEquals(hex("aead.plaintext"), result);
        assertEquals(wire.length - 16, o.bytesRead());
        in.release();
    }

    @Test
    void everyTamperedByteAfterTheAuthIdFailsToOpenWithDrain() {
        byte[] wire = hex("aead.wire");
        for (int i = 16; i < wire.length; i++) {
            if (i >= 34 && i < 42) {
                continue; // the nonce is checked through the keys it derives: covered below
            }
            byte[] t = wire.clone();
            t[i] ^= 0x40;
            ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOfRange(t, 16, t.length));
            VmessException e = assertThrows(VmessException.class, () -> new SealedRequestHeader.Opener(cmdKey, authId).tryOpen(in), "byte " + i);
            assertEquals(true, e.drain());
            in.release();
        }
        byte[] t = wire.clone();
        t[38] ^= 1;
        ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOfRange(t, 16, t.length));
        assertThrows(VmessException.class, () -> new SealedRequestHeader.Opener(cmdKey, authId).tryOpen(in));
        in.release();
    }

    @Test
    void aeadResponseHeadersAreByteExactAndOpen() throws VmessException {
        byte[] respKey = hex("aead.resp.key");
        byte[] respIv = hex("aead.resp.iv");
        assertArrayEquals(hex("aead.resp.header"), AeadResponseHeader.seal(respKey, respIv, new byte[] {0x42, 0, 0, 0}));
        byte[] withCommand = new byte[2 + hex("switch.command").length];
        withCommand[0] = 0x42;
        System.arraycopy(hex("switch.command"), 0, withCommand, 2, hex("switch.command").length);
        assertEquals(31, withCommand.length);
        byte[] sealed = AeadResponseHeader.seal(respKey, respIv, withCommand);
        assertEquals(65, sealed.length);
        assertArrayEquals(hex("aead.resp.header.switch"), sealed);
        ByteBuf in = Unpooled.wrappedBuffer(hex("aead.resp.header.switch"));
        assertArrayEquals(withCommand, new AeadResponseHeader.Opener(respKey, respIv).tryOpen(in));
        in.release();
    }
}
