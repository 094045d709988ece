package dev.vtool.engine.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The control message's bytes as Go's protobuf marshals and reads them. */
class ReverseControlTest {
    private static int decode(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return ReverseControl.decodeState(Unpooled.wrappedBuffer(b));
    }

    @Test
    void encodesLikeGo() {
        ByteBuf drain = ReverseControl.encode(UnpooledByteBufAllocator.DEFAULT, ReverseControl.DRAIN, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {0x08, 0x01, (byte) 0x9a, 0x06, 0x03, 1, 2, 3}, ByteBufUtil.getBytes(drain));
        drain.release();
        ByteBuf active = ReverseControl.encode(UnpooledByteBufAllocator.DEFAULT, ReverseControl.ACTIVE, new byte[0]);
        assertEquals(0, active.readableBytes(), "ACTIVE without padding is the empty message");
        active.release();
    }

    @Test
    void decodesStatesAndSkipsWhatGoSkips() {
        assertEquals(ReverseControl.ACTIVE, decode());
        assertEquals(ReverseControl.DRAIN, decode(0x08, 0x01, 0x9a, 0x06, 0x01, 0x7f));
        assertEquals(ReverseControl.ACTIVE, decode(0x9a, 0x06, 0x02, 0x00, 0x00));
        assertEquals(7, decode(0x08, 0x07), "an unknown state stays a number (not ACTIVE)");
        assertEquals(ReverseControl.DRAIN, decode(0x10, 0x05, 0x08, 0x01, 0x1d, 1, 2, 3, 4), "unknown fields skipped");
        assertEquals(ReverseControl.ACTIVE, decode(0x0a, 0x01, 0x01), "a state of the wrong wire type is an unknown field");
    }

    @Test
    void refusesMalformedMessages() {
        assertThrows(IllegalArgumentException.class, () -> decode(0xff, 0xff));
        assertThrows(IllegalArgumentException.class, () -> decode(0x9a, 0x06, 0x05, 0x01));
        assertThrows(IllegalArgumentException.class, () -> decode(0x0b));
        assertThrows(IllegalArgumentException.class, () -> decode(0x00, 0x01));
        assertThrows(IllegalArgumentException.class, () -> decode(0x08));
    }
}
