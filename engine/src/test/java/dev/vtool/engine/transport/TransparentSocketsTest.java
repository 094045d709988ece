package dev.vtool.engine.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TransparentSocketsTest {
    @Test
    void soOriginalDstIsASockaddrInWithThePortInNetworkOrder() throws Exception {
        // AF_INET (2, host order little-endian), port 80, 198.51.100.7, 8 bytes of zero
        ByteBuffer raw = ByteBuffer.wrap(new byte[] {2, 0, 0, 80, (byte) 198, 51, 100, 7, 0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(new InetSocketAddress("198.51.100.7", 80), TransparentSockets.sockaddrIn(raw));
        ByteBuffer high = ByteBuffer.wrap(new byte[] {2, 0, (byte) 0xC3, 0x50, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(new InetSocketAddress("10.0.0.1", 50000), TransparentSockets.sockaddrIn(high));
    }

    @Test
    void anEmptyAnswerIsAnErrorAs434ReadsAnInvalidDestination() {
        assertThrows(IOException.class, () -> TransparentSockets.sockaddrIn(ByteBuffer.allocate(16)));
        assertThrows(IOException.class, () -> TransparentSockets.sockaddrIn(ByteBuffer.allocate(2)));
    }
}
