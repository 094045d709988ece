package dev.vtool.engine.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vtool.engine.Destination;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Shadowsocks test vectors produced by V2Ray 4.34's own code (password "vtool-pass", request salt
 * 0x10.., response salt 0x80..; docs/spec/protocols.md section 8.1): vtool writes the same bytes and reads
 * them back.
 */
@ExtendWith(LeakCheck.class)
class SsVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PASSWORD = "vtool-pass";
    private static final byte[] HEADER = HEX.parseHex("030b6578616d706c652e636f6d0050"); // example.com:80
    private static final byte[] REQUEST = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = "HTTP/1.0 200 OK\r\n\r\nhi".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UDP_PAYLOAD = "dns-query-bytes".getBytes(StandardCharsets.US_ASCII);

    static byte[] salt(int first, int size) {
        byte[] s = new byte[size];
        for (int i = 0; i < size; i++) {
            s[i] = (byte) (first + i);
        }
        return s;
    }

    private static byte[] bytes(ByteBuf b) {
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void masterKeysAreEvpBytesToKey() {
        assertEquals("f3bb0fec7113fd0fb6f7a86b9df60309", HEX.formatHex(SsKeys.masterKey(PASSWORD, 16)));
        assertEquals("f3bb0fec7113fd0fb6f7a86b9df6030958371ef8a6727f4a678f7c4e853755c4",
                HEX.formatHex(SsKeys.masterKey(PASSWORD, 32)));
        assertEquals("81dc808ee923843c03502bb85a3fab6b9784c6b564a29c41163fb0eb8954445d",
                HEX.formatHex(SsKeys.masterKey("another secret", 32)));
    }

    @Test
    void drainSeedsAre434s() {
        assertEquals(3616669822L, ShadowsocksInbound.behaviorSeed(SsKeys.masterKey(PASSWORD, 16)));
        assertEquals(502627622L, ShadowsocksInbound.behaviorSeed(SsKeys.masterKey(PASSWORD, 32)));
    }

    @ParameterizedTest
    @CsvSource({
            "aes-128-gcm, 101112131415161718191a1b1c1d1e1f617456700dfdb4783e8414d83dbe4597bf36b9b057de2c17d1dc944c849f45086bb6ee62f6d7a50e6ee9a93a6b5e605a979bdf71f4a3c8b511561a2c49d95b59a28f4eb3951846fa904f748da466697e7387d93afb8de415b81c3134328f29fdd9b3a73b2e",
            "aes-256-gcm, 101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f4a492e584362579b54a950aa03140c00dcc5eadc95d1fda242d58a57c3ea621704722645aaf7fb75d4fa198808d5428f640c857cbc6b3043f0810fce9aea467d4982d33575d95cd0991f0abf5123c73523f7863ae436d43a2f9a8bf593a299bea649646c1c",
            "chacha20-poly1305, 101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2fd1150e1027ee48db5e901b6c980c78c21b10359d12c51f1508e9a3ef2f2c736c8583bb7eef58dc7291546463981247d4fa2f751a03fac6cb536eef98faeb1efe30fa7b51d81e7cdc1e3f5c6f2dc74583b837cc5c23213c8bafa540c0bf524eb00e0690131c",
            "none, 030b6578616d706c652e636f6d0050474554202f20485454502f312e300d0a0d0a"})
    void tcpRequestIsByteForByte434s(String name, String expected) throws Exception {
        ShadowsocksMethod m = ShadowsocksMethod.byName(name);
        byte[] key = SsKeys.masterKey(PASSWORD, m.keySize());
        SsStreamEncoder enc2 = new SsStreamEncoder(m, key, salt(0x10, m.keySize()));
        ByteBuf h = Unpooled.wrappedBuffer(HEADER);
        ByteBuf r = Unpooled.wrappedBuffer(REQUEST);
        byte[] got = concat(bytes(enc2.encode(h, ByteBufAllocator.DEFAULT)), bytes(enc2.encode(r, ByteBufAllocator.DEFAULT)));
        h.release();
        r.release();
        assertEquals(expected, HEX.formatHex(got));

        // and the server side reads it back: header, then payload
        SsStreamDecoder dec = new SsStreamDecoder(m, key, new SaltFilter(16));
        assertArrayEquals(concat(HEADER, REQUEST), decodeAll(dec, HEX.parseHex(expected), 7));
    }

    @ParameterizedTest
    @CsvSource({
            "aes-128-gcm, 808182838485868788898a8b8c8d8e8f61531405d38f05dec7637d08e3152edcb5a636cb1e119d8a5a9f9991b2e7e94393071f1b7a64a25a4fe6e574a686fe8d4138c274b345ba",
            "aes-256-gcm, 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fd176d7732d07b67db5a06539cf2c28bb6c27c272c9bd3bc4a6c8c39e589137718a2a77cac4ba5c1e83002e07b7d83132bf9277d63245f7",
            "chacha20-poly1305, 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f7e0f33a9a1f5066d53cf274fba30705ad2a2b1f64ba1fb2542db2586ad61d0765f38e6801cb66eba18404c8985cd02a98f94eac1b4d600",
            "none, 485454502f312e3020323030204f4b0d0a0d0a6869"})
    void tcpResponseIsByteForByte434s(String name, String expected) throws Exception {
        ShadowsocksMethod m = ShadowsocksMethod.byName(name);
        byte[] key = SsKeys.masterKey(PASSWORD, m.keySize());
        SsStreamEncoder enc = new SsStreamEncoder(m, key, salt(0x80, m.keySize()));
        ByteBuf in = Unpooled.wrappedBuffer(RESPONSE);
        assertEquals(expected, HEX.formatHex(bytes(enc.encode(in, ByteBufAllocator.DEFAULT))));
        in.release();
        assertArrayEquals(RESPONSE, decodeAll(new SsStreamDecoder(m, key, null), HEX.parseHex(expected), 1));
    }

    @ParameterizedTest
    @CsvSource({
            "aes-128-gcm, 101112131415161718191a1b1c1d1e1f6073f95d38f38d6e7f5ee4e89a5eeb6aa0e3637e8ae2e998205d002535099f5c91b3ddcb1da6",
            "aes-256-gcm, 101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f4b4e4e1485586d119a2cf14d50c5b8bd5751964faebeb0c492208b6784a7483f78a8146929c3",
            "chacha20-poly1305, 101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2fd01228e00603a1aa8dee3e57307af4cbaad9eeb48ce841fd04cdf3374c35143311fd24c4941a",
            "none, 01080808080035646e732d71756572792d6279746573"})
    void udpPacketIsByteForByte434s(String name, String expected) throws Exception {
        ShadowsocksMethod m = ShadowsocksMethod.byName(name);
        SsPacketCodec codec = new SsPacketCodec(m, SsKeys.masterKey(PASSWORD, m.keySize()), null);
        Destination dns = new Destination(Network.UDP, "8.8.8.8", 53);
        ByteBuf payload = Unpooled.wrappedBuffer(UDP_PAYLOAD);
        ByteBuf wire = codec.encode(dns, payload, ByteBufAllocator.DEFAULT, salt(0x10, m.keySize()));
        payload.release();
        try {
            assertEquals(expected, HEX.formatHex(ByteBufUtil.getBytes(wire)));
            SsPacketCodec.Packet p = codec.decode(wire, ByteBufAllocator.DEFAULT);
            assertEquals(dns, p.address());
            assertArrayEquals(UDP_PAYLOAD, bytes(p.payload()));
        } finally {
            wire.release();
        }
    }

    /** V13: 4.34's writer cuts 3000 bytes into 2014-byte chunks; the reader takes vtool's larger ones too. */
    @Test
    void chunkSplittingMatches434AndReadsBack() throws Exception {
        ShadowsocksMethod m = ShadowsocksMethod.AES_256_GCM;
        byte[] key = SsKeys.masterKey("another secret", 32);
        byte[] header = HEX.parseHex("0420010db800000000000000000000000101bb");
        byte[] payload = new byte[3000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (7 * i);
        }
        SsStreamEncoder enc = new SsStreamEncoder(m, key, salt(0xa0, 32)).maxChunk(2014);
        ByteBuf h = Unpooled.wrappedBuffer(header);
        ByteBuf p = Unpooled.wrappedBuffer(payload);
        byte[] wire = concat(bytes(enc.encode(h, ByteBufAllocator.DEFAULT)), bytes(enc.encode(p, ByteBufAllocator.DEFAULT)));
        h.release();
        p.release();
        assertEquals(3153, wire.length);
        assertEquals("23e2368c6d651e874d01464fd658ebfc64f7f4941e0d2647f7e5f5c5a635f346",
                HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(wire)));
        assertEquals("65971af13245c9c7d5054cfd79e1f5acf03e", HEX.formatHex(wire, 32, 50));
        SsStreamDecoder dec = new SsStreamDecoder(m, key, null);
        assertArrayEquals(concat(header, payload), decodeAll(dec, wire, 333));
        // vtool's own writer: 16383-byte chunks, same plaintext
        SsStreamEncoder big = new SsStreamEncoder(m, key, salt(0xa0, 32));
        ByteBuf large = Unpooled.wrappedBuffer(new byte[40_000]);
        byte[] bigWire = bytes(big.encode(large, ByteBufAllocator.DEFAULT));
        large.release();
        assertEquals(32 + 40_000 + 3 * 34, bigWire.length);
        assertArrayEquals(new byte[40_000], decodeAll(new SsStreamDecoder(m, key, null), bigWire, 4096));
    }

    @Test
    void zeroLengthChunkEndsTheStreamAndABadTagFails() throws Exception {
        ShadowsocksMethod m = ShadowsocksMethod.AES_128_GCM;
        byte[] key = SsKeys.masterKey(PASSWORD, 16);
        byte[] wire = HEX.parseHex("808182838485868788898a8b8c8d8e8f61531405d38f05dec7637d08e3152edcb5a636cb1e119d8a5a9f9991b2e7e94393071f1b7a64a25a4fe6e574a686fe8d4138c274b345ba");
        wire[wire.length - 1] ^= 1;
        SsStreamDecoder dec = new SsStreamDecoder(m, key, null);
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        List<ByteBuf> out = new ArrayList<>();
        try {
            assertThrows(SsException.class, () -> dec.decode(in, ByteBufAllocator.DEFAULT, out));
            assertEquals(0, out.size());
        } finally {
            in.release();
        }
    }

    @Test
    void replayedSaltIsRefusedByTheServerDecoder() throws Exception {
        ShadowsocksMethod m = ShadowsocksMethod.AES_128_GCM;
        byte[] key = SsKeys.masterKey(PASSWORD, 16);
        SaltFilter filter = new SaltFilter(16);
        byte[] wire = HEX.parseHex("101112131415161718191a1b1c1d1e1f617456700dfdb4783e8414d83dbe4597bf36b9b057de2c17d1dc944c849f"
                + "45086bb6ee62f6d7a50e6ee9a93a6b5e605a979bdf71f4a3c8b511561a2c49d95b59a28f4eb3951846fa904f748d"
                + "a466697e7387d93afb8de415b81c3134328f29fdd9b3a73b2e");
        decodeAll(new SsStreamDecoder(m, key, filter), wire, 64);
        SsException e = assertThrows(SsException.class, () -> decodeAll(new SsStreamDecoder(m, key, filter), wire, 64));
        assertEquals("replayed salt", e.getMessage());
        assertFalse(filter.firstSeen(salt(0x10, 16)));
    }

    /** Feeds {@code wire} in pieces of {@code step} bytes, as a socket would, and returns all payload. */
    static byte[] decodeAll(SsStreamDecoder dec, byte[] wire, int step) throws SsException {
        ByteBuf cumulation = Unpooled.buffer();
        ByteBuf plain = Unpooled.buffer();
        List<ByteBuf> out = new ArrayList<>();
        try {
            for (int i = 0; i < wire.length; i += step) {
                cumulation.writeBytes(wire, i, Math.min(step, wire.length - i));
                dec.decode(cumulation, ByteBufAllocator.DEFAULT, out);
                for (ByteBuf b : out) {
                    plain.writeBytes(b);
                    b.release();
                }
                out.clear();
                cumulation.discardReadBytes();
            }
            assertEquals(0, cumulation.readableBytes(), "bytes left undecoded");
            return ByteBufUtil.getBytes(plain);
        } finally {
            out.forEach(ByteBuf::release);
            cumulation.release();
            plain.release();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
