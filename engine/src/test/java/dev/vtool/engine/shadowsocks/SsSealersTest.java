package dev.vtool.engine.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both AEAD routes ({@link SsSealers}: the JCA's over arrays, OpenSSL's in place where this JVM loads it)
 * write 4.34's bytes (the response vectors of docs/spec/protocols.md section 8.1) and the same bytes as
 * each other over every kind of buffer a pipeline hands over (pooled direct, heap, sliced at an offset,
 * composite), and refuse a flipped bit.
 */
@ExtendWith(LeakCheck.class)
class SsSealersTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RESPONSE = "HTTP/1.0 200 OK\r\n\r\nhi".getBytes(StandardCharsets.US_ASCII);

    /** The routes this JVM offers; OpenSSL's must be among them where the build expects it (the JDK 25 run). */
    private static List<IntFunction<SsAead>> routes(ShadowsocksMethod m, byte[] subkey, boolean encrypt) {
        List<IntFunction<SsAead>> routes = new ArrayList<>();
        routes.add(i -> new SsAead(SsSealers.jca(m, subkey, encrypt)));
        SsSealer openSsl = SsSealers.openSsl(m, subkey, encrypt);
        if (Boolean.getBoolean("vtool.expect.openssl")) {
            assertNotNull(openSsl, "OpenSSL's sealer did not load on " + Runtime.version());
        }
        if (openSsl != null) {
            routes.add(i -> new SsAead(SsSealers.openSsl(m, subkey, encrypt)));
        }
        return routes;
    }

    @ParameterizedTest
    @CsvSource({
            "aes-128-gcm, 808182838485868788898a8b8c8d8e8f61531405d38f05dec7637d08e3152edcb5a636cb1e119d8a5a9f9991b2e7e94393071f1b7a64a25a4fe6e574a686fe8d4138c274b345ba",
            "aes-256-gcm, 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fd176d7732d07b67db5a06539cf2c28bb6c27c272c9bd3bc4a6c8c39e589137718a2a77cac4ba5c1e83002e07b7d83132bf9277d63245f7",
            "chacha20-poly1305, 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f7e0f33a9a1f5066d53cf274fba30705ad2a2b1f64ba1fb2542db2586ad61d0765f38e6801cb66eba18404c8985cd02a98f94eac1b4d600"})
    void everyRouteWrites434sResponseBytes(String name, String expected) throws Exception {
        ShadowsocksMethod m = ShadowsocksMethod.byName(name);
        byte[] salt = SsVectorsTest.salt(0x80, m.keySize());
        byte[] subkey = SsKeys.subkey(SsKeys.masterKey("vtool-pass", m.keySize()), salt, 0, m.keySize());
        for (IntFunction<SsAead> route : routes(m, subkey, true)) {
            SsAead aead = route.apply(0);
            ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(8);
            ByteBuf length = Unpooled.wrappedBuffer(new byte[] {0, (byte) RESPONSE.length});
            ByteBuf payload = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(RESPONSE);
            try {
                out.writeBytes(salt);
                aead.seal(length, 0, 2, out);
                aead.seal(payload, 0, RESPONSE.length, out);
                assertEquals(expected, HEX.formatHex(ByteBufUtil.getBytes(out)));
            } finally {
                out.release();
                length.release();
                payload.release();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"aes-128-gcm", "aes-256-gcm", "chacha20-poly1305"})
    void routesAgreeOnEveryKindOfBuffer(String name) throws Exception {
        ShadowsocksMethod m = ShadowsocksMethod.byName(name);
        byte[] subkey = new byte[m.keySize()];
        Random random = new Random(15);
        random.nextBytes(subkey);
        byte[] plain = new byte[SsStreamEncoder.MAX_CHUNK];
        random.nextBytes(plain);
        int[] sizes = {0, 1, 2, 100, 4096, SsStreamEncoder.MAX_CHUNK};
        byte[] reference = null;
        for (IntFunction<SsAead> route : routes(m, subkey, true)) {
            for (int kind = 0; kind < 4; kind++) {
                SsAead sealer = route.apply(0);
                ByteBuf sealed = buffer(kind, new byte[0]);
                for (int size : sizes) {
                    ByteBuf src = buffer(kind, java.util.Arrays.copyOf(plain, size));
                    try {
                        sealer.seal(src, src.readerIndex(), size, sealed);
                        assertEquals(0, src.readerIndex() - offset(kind), "the source's indices stay");
                    } finally {
                        src.release();
                    }
                }
                byte[] wire = ByteBufUtil.getBytes(sealed);
                sealed.release();
                if (reference == null) {
                    reference = wire;
                }
                assertArrayEquals(reference, wire, "route/buffer kind " + kind + " sealed other bytes");
            }
        }
        for (IntFunction<SsAead> route : routes(m, subkey, false)) {
            for (int kind = 0; kind < 4; kind++) {
                SsAead opener = route.apply(0);
                ByteBuf wire = buffer(kind, reference);
                ByteBuf opened = buffer(kind, new byte[0]);
                try {
                    int at = wire.readerIndex();
                    for (int size : sizes) {
                        opener.open(wire, at, size + SsAead.TAG, opened);
                        at += size + SsAead.TAG;
                    }
                    int total = 0;
                    for (int size : sizes) {
                        assertArrayEquals(java.util.Arrays.copyOf(plain, size),
                                ByteBufUtil.getBytes(opened, opened.readerIndex() + total, size));
                        total += size;
                    }
                } finally {
                    wire.release();
                    opened.release();
                }
            }
            // a flipped bit in the first payload byte fails, on every route
            byte[] bad = reference.clone();
            bad[0] ^= 1;
            SsAead opener = route.apply(0);
            ByteBuf wire = Unpooled.wrappedBuffer(bad);
            ByteBuf opened = Unpooled.buffer();
            try {
                SsException e = assertThrows(SsException.class, () -> opener.open(wire, 0, SsAead.TAG, opened));
                assertEquals("cipher: message authentication failed", e.getMessage());
            } finally {
                wire.release();
                opened.release();
            }
        }
    }

    private static int offset(int kind) {
        return kind == 2 ? 7 : 0;
    }

    /** 0 pooled direct, 1 heap, 2 a heap slice at an offset, 3 composite of two direct parts */
    private static ByteBuf buffer(int kind, byte[] content) {
        switch (kind) {
            case 0:
                return PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(16, content.length)).writeBytes(content);
            case 1:
                return Unpooled.buffer(Math.max(16, content.length)).writeBytes(content);
            case 2: {
                ByteBuf b = Unpooled.buffer(content.length + 64).writerIndex(7).readerIndex(7);
                return b.writeBytes(content);
            }
            default: {
                CompositeByteBuf c = Unpooled.compositeBuffer();
                int half = content.length / 2;
                c.addComponent(true, Unpooled.directBuffer(Math.max(1, half)).writeBytes(content, 0, half));
                c.addComponent(true, Unpooled.directBuffer(Math.max(1, content.length - half))
                        .writeBytes(content, half, content.length - half));
                return c;
            }
        }
    }
}
