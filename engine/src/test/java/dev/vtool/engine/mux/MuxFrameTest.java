package dev.vtool.engine.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.Destination;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Mux.cool frame vectors V23–V30 produced by 4.34's own writer (docs/spec/protocols.md 8.4), both ways. */
class MuxFrameTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static ByteBuf hex(String h) {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(h.replace(" ", "")));
    }

    private static String hexOf(ByteBuf b) {
        try {
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static String compact(String h) {
        return h.replace(" ", "");
    }

    static final String V23 = "0014 0001 01 01 01 0050 02 0b6578616d706c652e636f6d 0010 474554202f20485454502f312e310d0a";
    static final String V24 = "0004 0001 02 01 000b 486f73743a20780d0a0d0a";
    static final String V25 = "0004 0001 03 00";
    static final String V26 = "000c 0002 01 01 02 0035 01 08080808 0007 706b742d6f6e65 0004 0002 02 01 0004 706b7432";
    static final String V27 = "0018 0003 01 00 01 0016 03 20010db8000000000000000000000002";
    static final String V28 = "0004 0001 02 01 0011 485454502f312e3120323030204f4b0d0a";
    static final String V29 = "0004 0002 03 02";
    static final String V30 = "0004 0000 04 00";

    @Test
    void writesTheVectorsByteForByte() {
        assertEquals(compact(V23), hexOf(MuxFrames.open(ALLOC, 1, Destination.tcp("example.com", 80), text("GET / HTTP/1.1\r\n"))));
        assertEquals(compact(V24), hexOf(MuxFrames.keep(ALLOC, 1, text("Host: x\r\n\r\n"))));
        assertEquals(compact(V25), hexOf(MuxFrames.end(ALLOC, 1, false)));
        Destination dns = new Destination(Network.UDP, "8.8.8.8", 53);
        assertEquals(compact(V26), hexOf(MuxFrames.open(ALLOC, 2, dns, text("pkt-one")))
                + hexOf(MuxFrames.keep(ALLOC, 2, text("pkt2"))));
        assertEquals(compact(V27), hexOf(MuxFrames.open(ALLOC, 3, Destination.tcp("2001:db8::2", 22), null)));
        assertEquals(compact(V28), hexOf(MuxFrames.keep(ALLOC, 1, text("HTTP/1.1 200 OK\r\n"))));
        assertEquals(compact(V29), hexOf(MuxFrames.end(ALLOC, 2, true)));
        assertEquals(compact(V30), hexOf(MuxFrames.keepAlive(ALLOC)));
    }

    @Test
    void readsTheVectors() throws MuxException {
        ByteBuf in = hex(V23 + V24 + V25 + V26 + V27 + V29 + V30);
        try {
            MuxFrame f = MuxFrameDecoder.next(in);
            assertEquals(1, f.id());
            assertEquals(MuxFrame.NEW, f.status());
            assertEquals("tcp:example.com:80", f.target().toString());
            assertEquals("GET / HTTP/1.1\r\n", release(f));
            f = MuxFrameDecoder.next(in);
            assertEquals(MuxFrame.KEEP, f.status());
            assertEquals("Host: x\r\n\r\n", release(f));
            f = MuxFrameDecoder.next(in);
            assertEquals(MuxFrame.END, f.status());
            assertNull(f.data());
            f = MuxFrameDecoder.next(in);
            assertEquals("udp:8.8.8.8:53", f.target().toString());
            assertEquals("pkt-one", release(f));
            f = MuxFrameDecoder.next(in);
            assertEquals(2, f.id());
            assertEquals("pkt2", release(f));
            f = MuxFrameDecoder.next(in);
            assertEquals("tcp:[2001:db8::2]:22", f.target().toString());
            assertNull(f.data());
            f = MuxFrameDecoder.next(in);
            assertTrue(f.error());
            f = MuxFrameDecoder.next(in);
            assertEquals(MuxFrame.KEEP_ALIVE, f.status());
            assertNull(MuxFrameDecoder.next(in));
        } finally {
            in.release();
        }
    }

    @Test
    void waitsForAWholeFrame() throws MuxException {
        ByteBuf all = hex(V23);
        for (int cut = 0; cut < all.readableBytes(); cut++) {
            ByteBuf part = all.retainedSlice(0, cut);
            try {
                assertNull(MuxFrameDecoder.next(part), "cut at " + cut);
                assertEquals(0, part.readerIndex());
            } finally {
                part.release();
            }
        }
        all.release();
    }

    @Test
    void refusesWhat434Refuses() {
        assertRefused("0201 0001 02 00", "invalid metalen 513");
        assertRefused("0003 000102", "insufficient buffer: 3");
        assertRefused("0006 0001 01 00 01 00", "insufficient buffer: 6");
        assertRefused("0008 0001 01 00 03 0050 04 00", "unknown address type: 4");
        assertRefused("0009 0001 01 00 07 0050 01 7f000001".replace("0009", "000c"), "unknown network type: 7");
        assertRefused("0009 0001 01 00 01 0050 02 00", "empty domain");
    }

    private static void assertRefused(String frame, String why) {
        ByteBuf in = hex(frame);
        try {
            MuxException e = assertThrows(MuxException.class, () -> MuxFrameDecoder.next(in));
            assertTrue(e.getMessage().contains(why), e.getMessage());
        } finally {
            in.release();
        }
    }

    private static String release(MuxFrame f) {
        try {
            return f.data().toString(StandardCharsets.US_ASCII);
        } finally {
            f.data().release();
        }
    }
}
