package dev.vtool.engine.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream decoder consumes every read to its end (a block cut by the read waits in the decoder), so
 * a pipeline's cumulation never holds a partial chunk and never copies the next read behind it; the
 * payload comes out whole whatever the read sizes, and a bad tag in a cut block still fails.
 */
@ExtendWith(LeakCheck.class)
class SsStreamDecoderTest {
    private static final ShadowsocksMethod METHOD = ShadowsocksMethod.CHACHA20_POLY1305;
    private static final byte[] KEY = SsKeys.masterKey("cut-reads", METHOD.keySize());

    private static byte[] wire(byte[] payload) {
        SsStreamEncoder enc = new SsStreamEncoder(METHOD, KEY, SsVectorsTest.salt(0x30, METHOD.keySize()));
        ByteBuf p = Unpooled.wrappedBuffer(payload);
        ByteBuf w = enc.encode(p, ByteBufAllocator.DEFAULT);
        p.release();
        try {
            return ByteBufUtil.getBytes(w);
        } finally {
            w.release();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 18, 19, 1000, 16_401, 16_417, 40_000})
    void everyReadIsConsumedAndThePayloadComesOutWhole(int read) throws Exception {
        byte[] payload = new byte[50_000];
        new Random(read).nextBytes(payload);
        byte[] wire = wire(payload);
        SsStreamDecoder dec = new SsStreamDecoder(METHOD, KEY, null);
        ByteBuf plain = Unpooled.buffer();
        List<ByteBuf> out = new ArrayList<>();
        try {
            ByteBuf cumulation = Unpooled.buffer();
            try {
                for (int i = 0; i < wire.length; i += read) {
                    // a socket read: pooled direct memory, as the pipeline hands it over
                    ByteBuf chunk = PooledByteBufAllocator.DEFAULT.directBuffer(read)
                            .writeBytes(wire, i, Math.min(read, wire.length - i));
                    cumulation.writeBytes(chunk);
                    chunk.release();
                    dec.decode(cumulation, ByteBufAllocator.DEFAULT, out);
                    if (i + read >= METHOD.keySize()) {
                        assertEquals(0, cumulation.readableBytes(), "bytes left in the cumulation after the read at " + i);
                    }
                    for (ByteBuf b : out) {
                        plain.writeBytes(b);
                        b.release();
                    }
                    out.clear();
                    cumulation.discardReadBytes();
                }
            } finally {
                cumulation.release();
            }
            assertArrayEquals(payload, ByteBufUtil.getBytes(plain));
            assertEquals(wire.length, dec.consumed());
        } finally {
            out.forEach(ByteBuf::release);
            plain.release();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 30, 16_000})
    void aBadTagInACutBlockFails(int read) {
        byte[] wire = wire(new byte[20_000]);
        wire[METHOD.keySize() + 18 + 100] ^= 1; // inside the first payload block
        SsStreamDecoder dec = new SsStreamDecoder(METHOD, KEY, null);
        List<ByteBuf> out = new ArrayList<>();
        ByteBuf cumulation = Unpooled.buffer();
        try {
            SsException e = assertThrows(SsException.class, () -> {
                for (int i = 0; i < wire.length; i += read) {
                    cumulation.writeBytes(wire, i, Math.min(read, wire.length - i));
                    try {
                        dec.decode(cumulation, ByteBufAllocator.DEFAULT, out);
                    } finally {
                        out.forEach(ByteBuf::release);
                        out.clear();
                    }
                }
            });
            assertEquals("cipher: message authentication failed", e.getMessage());
        } finally {
            cumulation.release();
        }
    }
}
