package dev.vtool.engine.vmess.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.junit.jupiter.api.Test;

/**
 * The throughput shortcuts of the body codecs: stream chunks of one read come out as one buffer,
 * datagrams stay one buffer each, and the block-wise SHAKE mask is the plain SHAKE128 stream.
 */
class ChunkBatchingTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private final byte[] key = new byte[16];
    private final byte[] iv = new byte[16];

    ChunkBatchingTest() {
        new Random(5).nextBytes(key);
        new Random(6).nextBytes(iv);
    }

    @Test
    void streamChunksOfOneReadArriveAsOneBuffer() throws VmessException {
        for (SecurityType s : new SecurityType[] {SecurityType.AES_128_GCM, SecurityType.CHACHA20_POLY1305, SecurityType.LEGACY}) {
            byte[] payload = new byte[10_000]; // five chunks at 2048 bytes each
            new Random(7).nextBytes(payload);
            BodyEncoder e = BodyCodecs.encoder(s, 0x0D, RequestCommand.TCP, key, iv, null);
            BodyDecoder d = BodyCodecs.decoder(s, 0x0D, RequestCommand.TCP, key, iv, null);
            ByteBuf src = Unpooled.wrappedBuffer(payload);
            ByteBuf wire = e.encode(src, ALLOC);
            List<ByteBuf> out = new ArrayList<>();
            try {
                assertFalse(d.decode(wire, ALLOC, out));
                assertEquals(1, out.size(), s + ": one buffer for the whole read");
                assertArrayEquals(payload, ByteBufUtil.getBytes(out.get(0)), s.toString());
                assertFalse(wire.isReadable());
            } finally {
                out.forEach(ByteBuf::release);
                wire.release();
                src.release();
            }
        }
    }

    @Test
    void readsCutAnywhereAreConsumedWholeAndDecodeTheSameBytes() throws VmessException {
        // a socket read almost never ends on a chunk boundary: the decoder keeps the cut chunk itself, so
        // the caller's cumulation stays empty and never copies the next read behind a leftover
        for (SecurityType s : new SecurityType[] {SecurityType.AES_128_GCM, SecurityType.CHACHA20_POLY1305}) {
            byte[] payload = new byte[50_000];
            new Random(9).nextBytes(payload);
            BodyEncoder e = BodyCodecs.encoder(s, 0x0D, RequestCommand.TCP, key, iv, null);
            BodyDecoder d = BodyCodecs.decoder(s, 0x0D, RequestCommand.TCP, key, iv, null);
            ByteBuf src = Unpooled.wrappedBuffer(payload);
            ByteBuf wire = Unpooled.wrappedBuffer(e.encode(src, ALLOC), e.encodeEnd(ALLOC));
            List<ByteBuf> out = new ArrayList<>();
            Random cuts = new Random(10);
            boolean end = false;
            try {
                while (wire.isReadable() && !end) {
                    ByteBuf read = wire.readRetainedSlice(Math.min(wire.readableBytes(), 3 + cuts.nextInt(5000)));
                    try {
                        end = d.decode(read, ALLOC, out);
                        if (!end) {
                            // at most one length byte may wait (a read that ends inside a length field)
                            assertTrue(read.readableBytes() <= 1, s + ": " + read.readableBytes() + " bytes left unread");
                            if (read.isReadable()) {
                                ByteBuf rest = Unpooled.buffer().writeBytes(read);
                                ByteBuf next = wire.readRetainedSlice(Math.min(wire.readableBytes(), 1));
                                rest.writeBytes(next);
                                next.release();
                                end = d.decode(rest, ALLOC, out);
                                assertEquals(0, rest.readableBytes(), s.name());
                                rest.release();
                            }
                        }
                    } finally {
                        read.release();
                    }
                }
                assertTrue(end, s + ": end chunk seen");
                ByteBuf joined = Unpooled.wrappedBuffer(out.toArray(new ByteBuf[0]));
                out.clear();
                assertArrayEquals(payload, ByteBufUtil.getBytes(joined), s.name());
                joined.release();
            } finally {
                out.forEach(ByteBuf::release);
                wire.release();
                src.release();
            }
        }
    }

    @Test
    void partialChunkStaysUnreadAndCompletesLater() throws VmessException {
        byte[] payload = new byte[5000];
        new Random(8).nextBytes(payload);
        BodyEncoder e = BodyCodecs.encoder(SecurityType.AES_128_GCM, 0x0D, RequestCommand.TCP, key, iv, null);
        BodyDecoder d = BodyCodecs.decoder(SecurityType.AES_128_GCM, 0x0D, RequestCommand.TCP, key, iv, null);
        ByteBuf src = Unpooled.wrappedBuffer(payload);
        ByteBuf wire = e.encode(src, ALLOC);
        ByteBuf end = e.encodeEnd(ALLOC);
        ByteBuf in = Unpooled.buffer();
        List<ByteBuf> out = new ArrayList<>();
        try {
            in.writeBytes(wire, wire.readableBytes() - 100);
            assertFalse(d.decode(in, ALLOC, out));
            in.writeBytes(wire).writeBytes(end);
            assertTrue(d.decode(in, ALLOC, out));
            ByteBuf joined = Unpooled.wrappedBuffer(out.toArray(new ByteBuf[0]));
            out.clear();
            assertArrayEquals(payload, ByteBufUtil.getBytes(joined));
            joined.release();
        } finally {
            out.forEach(ByteBuf::release);
            in.release();
            wire.release();
            end.release();
            src.release();
        }
    }

    @Test
    void aBadTagReleasesTheBatchAndFails() throws VmessException {
        BodyEncoder e = BodyCodecs.encoder(SecurityType.AES_128_GCM, 0x05, RequestCommand.TCP, key, iv, null);
        BodyDecoder d = BodyCodecs.decoder(SecurityType.AES_128_GCM, 0x05, RequestCommand.TCP, key, iv, null);
        ByteBuf src = Unpooled.wrappedBuffer(new byte[6000]);
        ByteBuf wire = e.encode(src, ALLOC);
        wire.setByte(wire.writerIndex() - 1, wire.getByte(wire.writerIndex() - 1) ^ 1); // last chunk's tag
        List<ByteBuf> out = new ArrayList<>();
        try {
            assertThrows(VmessException.class, () -> d.decode(wire, ALLOC, out));
            assertTrue(out.isEmpty());
        } finally {
            wire.release();
            src.release();
        }
    }

    @Test
    void datagramsStayOneBufferEach() throws VmessException {
        BodyEncoder e = BodyCodecs.encoder(SecurityType.AES_128_GCM, 0x0D, RequestCommand.UDP, key, iv, null);
        BodyDecoder d = BodyCodecs.decoder(SecurityType.AES_128_GCM, 0x0D, RequestCommand.UDP, key, iv, null);
        ByteBuf in = Unpooled.buffer();
        for (int n : new int[] {1, 700, 1500}) {
            ByteBuf dgram = Unpooled.wrappedBuffer(new byte[n]);
            ByteBuf framed = e.encode(dgram, ALLOC);
            in.writeBytes(framed);
            framed.release();
            dgram.release();
        }
        List<ByteBuf> out = new ArrayList<>();
        try {
            d.decode(in, ALLOC, out);
            assertEquals(3, out.size());
            assertEquals(1, out.get(0).readableBytes());
            assertEquals(700, out.get(1).readableBytes());
            assertEquals(1500, out.get(2).readableBytes());
        } finally {
            out.forEach(ByteBuf::release);
            in.release();
        }
    }

    @Test
    void blockwiseMaskIsTheShake128Stream() {
        ShakeLengthMask mask = new ShakeLengthMask(iv);
        SHAKEDigest plain = new SHAKEDigest(128);
        plain.update(iv, 0, iv.length);
        byte[] two = new byte[2];
        for (int i = 0; i < 1000; i++) { // crosses many 168-byte blocks
            plain.doOutput(two, 0, 2);
            int expected = (two[0] & 0xFF) << 8 | (two[1] & 0xFF);
            // a padding draw consumes the same two bytes as a mask draw
            if (i % 3 == 0) {
                assertEquals(expected % 64, mask.nextPadding(), "draw " + i);
            } else {
                assertEquals(expected, mask.next(), "draw " + i);
            }
        }
    }
}
