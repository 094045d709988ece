package dev.vtool.engine.vmess.body;

import static dev.vtool.engine.vmess.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/spec/vmess.md 8.6: masks, ChaCha key, every body chunk vector, encoded and decoded. */
class BodyVectorsTest {
    static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private final byte[] key = hex("request.body.key");
    private final byte[] iv = hex("request.body.iv");
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    static byte[] encode(BodyEncoder e, byte[] payload) throws VmessException {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        ByteBuf out = e.encode(in, ALLOC);
        byte[] b = ByteBufUtil.getBytes(out);
        out.release();
        in.release();
        return b;
    }

    static byte[] end(BodyEncoder e) {
        ByteBuf out = e.encodeEnd(ALLOC);
        byte[] b = ByteBufUtil.getBytes(out);
        out.release();
        return b;
    }

    /** Decodes everything; returns the payloads, and whether the end marker was seen in ended[0]. */
    static List<byte[]> decode(BodyDecoder d, byte[] wire, boolean[] ended) throws VmessException {
        ByteBuf in = Unpooled.copiedBuffer(wire);
        List<ByteBuf> out = new ArrayList<>();
        try {
            ended[0] = d.decode(in, ALLOC, out);
            List<byte[]> result = new ArrayList<>();
            for (ByteBuf b : out) {
                result.add(ByteBufUtil.getBytes(b));
            }
            return result;
        } finally {
            out.forEach(ByteBuf::release);
            in.release();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void shakeMaskDraws() {
        ShakeLengthMask req = new ShakeLengthMask(iv);
        byte[] draws = hex("shake.req.iv.draws");
        for (int i = 0; i < 4; i++) {
            assertEquals((draws[2 * i] & 0xFF) << 8 | (draws[2 * i + 1] & 0xFF), req.next(), "draw " + i);
        }
        ShakeLengthMask resp = new ShakeLengthMask(hex("aead.resp.iv"));
        assertEquals(0x609c, resp.next());
        assertEquals(0xc207, resp.next());
        ShakeLengthMask padded = new ShakeLengthMask(iv);
        assertEquals(0xfc91 % 64, padded.nextPadding());
        assertEquals(17, 0xfc91 % 64);
    }

    @Test
    void chunkNoncesAreCounterThenIvBytes2To12() throws Exception {
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        byte[] hello = hex("gcm.05.hello");
        c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, hex("nonce.0")));
        assertArrayEquals(HELLO, c.doFinal(hello, 2, hello.length - 2));
        byte[] end = hex("gcm.05.end");
        c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, hex("nonce.1")));
        assertEquals(0, c.doFinal(end, 2, end.length - 2).length, "the end chunk takes nonce 1");
    }

    @Test
    void chachaKeyFromBodyKey() {
        assertArrayEquals(hex("chacha.key"), JcaAeadSealer.chachaKey(key));
    }

    private void assertStream(SecurityType s, int options, String helloKey, String endKey) throws VmessException {
        BodyEncoder e = BodyCodecs.encoder(s, options, RequestCommand.TCP, key, iv, null);
        assertArrayEquals(hex(helloKey), encode(e, HELLO), helloKey);
        assertArrayEquals(hex(endKey), end(e), endKey);
        boolean[] ended = new boolean[1];
        List<byte[]> got = decode(BodyCodecs.decoder(s, options, RequestCommand.TCP, key, iv, null),
                concat(hex(helloKey), hex(endKey)), ended);
        assertEquals(1, got.size());
        assertArrayEquals(HELLO, got.get(0));
        assertTrue(ended[0], "end chunk recognised");
    }

    @Test
    void gcmMaskedChunksAndEnd() throws VmessException {
        assertStream(SecurityType.AES_128_GCM, 0x05, "gcm.05.hello", "gcm.05.end");
    }

    @Test
    void chachaMaskedChunksAndEnd() throws VmessException {
        assertStream(SecurityType.CHACHA20_POLY1305, 0x05, "chacha.05.hello", "chacha.05.end");
    }

    @Test
    void gcmUnmaskedChunksAndEnd() throws VmessException {
        assertStream(SecurityType.AES_128_GCM, 0x01, "gcm.01.hello", "gcm.01.end");
    }

    @Test
    void noneMaskedLengthPrefixedChunks() throws VmessException {
        assertStream(SecurityType.NONE, 0x05, "none.05.hello", "none.05.end");
    }

    @Test
    void legacyCfbFnvChunks() throws VmessException {
        assertStream(SecurityType.LEGACY, 0x01, "legacy.cfb.01.hello", "legacy.cfb.01.end");
    }

    @Test
    void gcmWithGlobalPaddingSharesCiphertextAndPadsAsDrawn() throws VmessException {
        BodyEncoder e = BodyCodecs.encoder(SecurityType.AES_128_GCM, 0x0D, RequestCommand.TCP, key, iv, null);
        byte[] hello = encode(e, HELLO);
        byte[] expected = hex("gcm.0d.hello");
        assertEquals(expected.length, hello.length);
        assertEquals(2 + 21 + Integer.parseInt("17"), hello.length);
        assertArrayEquals(Arrays.copyOf(expected, 23), Arrays.copyOf(hello, 23), "length field and sealed payload");
        byte[] endChunk = end(e);
        byte[] expectedEnd = hex("gcm.0d.end");
        assertEquals(expectedEnd.length, endChunk.length);
        assertArrayEquals(Arrays.copyOf(expectedEnd, 18), Arrays.copyOf(endChunk, 18));
        boolean[] ended = new boolean[1];
        List<byte[]> got = decode(BodyCodecs.decoder(SecurityType.AES_128_GCM, 0x0D, RequestCommand.TCP, key, iv, null),
                concat(expected, expectedEnd), ended);
        assertArrayEquals(HELLO, got.get(0));
        assertTrue(ended[0]);
    }

    @Test
    void serverToClientUsesResponseKeyAndIv() throws VmessException {
        byte[] respKey = hex("aead.resp.key");
        byte[] respIv = hex("aead.resp.iv");
        BodyEncoder e = BodyCodecs.encoder(SecurityType.AES_128_GCM, 0x05, RequestCommand.TCP, respKey, respIv, null);
        assertArrayEquals(hex("resp.gcm.05.world"), encode(e, "world".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(hex("resp.gcm.05.end"), end(e));
    }

    @Test
    void pooledHeapAndDirectBuffersGiveTheSameBytes() throws VmessException {
        byte[] payload = new byte[50_000];
        new java.util.Random(9).nextBytes(payload);
        for (SecurityType s : new SecurityType[] {SecurityType.AES_128_GCM, SecurityType.CHACHA20_POLY1305}) {
            byte[] reference = null;
            for (ByteBufAllocator alloc : new ByteBufAllocator[] {new io.netty.buffer.PooledByteBufAllocator(false),
                    new io.netty.buffer.PooledByteBufAllocator(true), io.netty.buffer.UnpooledByteBufAllocator.DEFAULT}) {
                BodyEncoder e = BodyCodecs.encoder(s, 0x05, RequestCommand.TCP, key, iv, null);
                ByteBuf in = alloc.buffer().writeBytes(payload);
                ByteBuf framed = e.encode(in, alloc);
                byte[] wire = ByteBufUtil.getBytes(framed);
                if (reference == null) {
                    reference = wire;
                }
                assertArrayEquals(reference, wire, s + " with " + alloc);
                BodyDecoder d = BodyCodecs.decoder(s, 0x05, RequestCommand.TCP, key, iv, null);
                List<ByteBuf> out = new ArrayList<>();
                d.decode(framed, alloc, out);
                ByteBuf all = alloc.buffer();
                out.forEach(b -> {
                    all.writeBytes(b);
                    b.release();
                });
                assertArrayEquals(payload, ByteBufUtil.getBytes(all));
                all.release();
                framed.release();
                in.release();
            }
        }
    }

    @Test
    void udpDatagramsAreOneChunkEach() throws VmessException {
        BodyEncoder e = BodyCodecs.encoder(SecurityType.AES_128_GCM, 0x05, RequestCommand.UDP, key, iv, null);
        assertArrayEquals(hex("udp.gcm.05.ping"), encode(e, "ping".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(hex("udp.gcm.05.pong"), encode(e, "pong".getBytes(StandardCharsets.US_ASCII)));
        boolean[] ended = new boolean[1];
        List<byte[]> got = decode(BodyCodecs.decoder(SecurityType.AES_128_GCM, 0x05, RequestCommand.UDP, key, iv, null),
                concat(hex("udp.gcm.05.ping"), hex("udp.gcm.05.pong")), ended);
        assertEquals(2, got.size());
        assertEquals("ping", new String(got.get(0), StandardCharsets.US_ASCII));
        assertEquals("pong", new String(got.get(1), StandardCharsets.US_ASCII));
        assertFalse(ended[0]);
    }
}
