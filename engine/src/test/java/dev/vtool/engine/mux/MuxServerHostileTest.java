package dev.vtool.engine.mux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mux server reached the way 4.34 recognises it on any inbound: a SOCKS CONNECT to {@code v1.mux.cool},
 * then raw frames. Good frames work (New, Keep, End, an End for an unknown id); a bad length, an unknown
 * status, an oversize UDP frame or garbage end the whole carrier and its sessions' upstream connections,
 * with no leak (Netty's leak detector, paranoid).
 */
@ExtendWith(LeakCheck.class)
class MuxServerHostileTest {
    private static EngineHarness engine;
    private static int socksPort;
    private static ServerSocket echo;
    private static final AtomicInteger openUpstreams = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(MuxServerHostileTest::echoLoop, "mux-echo");
        t.setDaemon(true);
        t.start();
        socksPort = FreePort.next();
        engine = new EngineHarness("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(socksPort), LogLevel.INFO);
    }

    @AfterAll
    static void stop() throws IOException {
        if (engine != null) {
            engine.close();
        }
        echo.close();
    }

    private static void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket s = echo.accept();
                openUpstreams.incrementAndGet();
                Thread t = new Thread(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException ignored) {
                        // the proxy closed it
                    } finally {
                        openUpstreams.decrementAndGet();
                    }
                }, "mux-echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** A SOCKS5 connection to v1.mux.cool:9527, ready for frames. */
    private static Socket carrier() throws IOException {
        Socket s = new Socket("127.0.0.1", socksPort);
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        out.write(new byte[] {5, 1, 0});
        in.readFully(new byte[2]);
        byte[] host = "v1.mux.cool".getBytes(StandardCharsets.US_ASCII);
        out.write(new byte[] {5, 1, 0, 3, (byte) host.length});
        out.write(host);
        out.write(new byte[] {0x25, 0x2f});
        byte[] reply = new byte[10];
        in.readFully(reply);
        assertEquals(0, reply[1], "SOCKS CONNECT to v1.mux.cool");
        return s;
    }

    private static byte[] newTcp(int id, byte[] data) {
        ByteBuf b = MuxFrames.open(io.netty.buffer.ByteBufAllocator.DEFAULT, id,
                dev.vtool.engine.Destination.tcp("127.0.0.1", echo.getLocalPort()), Unpooled.wrappedBuffer(data));
        return bytes(b);
    }

    private static byte[] bytes(ByteBuf b) {
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** Reads one frame's head and data: {id, status, option} and the data (empty without the data bit). */
    private static byte[][] readFrame(DataInputStream in) throws IOException {
        int metaLen = in.readUnsignedShort();
        byte[] meta = new byte[metaLen];
        in.readFully(meta);
        byte[] data = new byte[0];
        if ((meta[3] & 1) != 0) {
            data = new byte[in.readUnsignedShort()];
            in.readFully(data);
        }
        return new byte[][] {meta, data};
    }

    @Test
    void aSessionOpensCarriesBytesAndEnds() throws Exception {
        try (Socket s = carrier()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(newTcp(1, "hello ".getBytes(StandardCharsets.US_ASCII)));
            out.write(bytes(MuxFrames.keep(io.netty.buffer.ByteBufAllocator.DEFAULT, 1,
                    Unpooled.copiedBuffer("mux", StandardCharsets.US_ASCII))));
            StringBuilder got = new StringBuilder();
            while (got.length() < 9) {
                byte[][] f = readFrame(in);
                assertArrayEquals(new byte[] {0, 1, 2, 1}, f[0], "Keep+Data for session 1");
                got.append(new String(f[1], StandardCharsets.US_ASCII));
            }
            assertEquals("hello mux", got.toString());
            // Keep+Data for a session that does not exist: the server answers End for it
            out.write(ByteBufUtil.decodeHexDump("0004000902010003616263"));
            assertArrayEquals(new byte[] {0, 9, 3, 0}, readFrame(in)[0]);
            // End from us half-closes the upstream; the echo then ends and so does the session
            out.write(ByteBufUtil.decodeHexDump("0004000103 00".replace(" ", "")));
            assertArrayEquals(new byte[] {0, 1, 3, 0}, readFrame(in)[0]);
        }
    }

    @Test
    void aBadMetaLengthEndsTheCarrierAndItsSessions() throws Exception {
        assertCarrierEnds("0201 0001 02 00");
    }

    @Test
    void anUnknownStatusEndsTheCarrier() throws Exception {
        assertCarrierEnds("0004 0001 09 00");
    }

    @Test
    void anOversizeUdpFrameEndsTheCarrier() throws Exception {
        String udpNew = "000c 0002 01 01 02 0035 01 7f000001 0801";
        assertCarrierEnds(udpNew.replace(" ", "") + "00".repeat(0x801));
    }

    @Test
    void garbageEndsTheCarrier() throws Exception {
        byte[] junk = new byte[4096];
        new java.util.Random(3).nextBytes(junk);
        junk[0] = 0x7f; // a metaLen far above 512
        assertCarrierEnds(ByteBufUtil.hexDump(junk));
    }

    /** Opens a working session, sends {@code hostileHex}, expects the carrier and the session's upstream closed. */
    private static void assertCarrierEnds(String hostileHex) throws Exception {
        try (Socket s = carrier()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            int before = openUpstreams.get();
            out.write(newTcp(1, "ping".getBytes(StandardCharsets.US_ASCII)));
            assertEquals("ping", new String(readFrame(in)[1], StandardCharsets.US_ASCII));
            assertEquals(before + 1, openUpstreams.get());
            out.write(ByteBufUtil.decodeHexDump(hostileHex.replace(" ", "")));
            out.flush();
            assertTrue(closedWithin(s.getInputStream(), 5000), "the carrier was not closed");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (openUpstreams.get() > before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(before, openUpstreams.get(), "the session's upstream connection was left open");
        }
    }

    private static boolean closedWithin(InputStream in, long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < deadline) {
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}
