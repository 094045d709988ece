package dev.vtool.engine.trojan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input on the trojan and vless inbounds, each with and without fallbacks: garbage, a truncated
 * header, a wrong password or UUID, a bad address type, a bad command or addons. What 4.34 does is what
 * is asserted: no fallback means a close without a byte back; with fallbacks, whatever is not the
 * protocol (judged on the first read) reaches the fallback untouched, and a known user's malformed request
 * closes. Afterwards every inbound still serves a good request, and Netty's leak detector stays silent.
 */
@ExtendWith(LeakCheck.class)
class TrojanVlessHostileTest {
    private static final String KEY = TrojanKey.of("vtool-trojan");
    private static final byte[] UUID = HexFormat.of().parseHex("b831381d63244d53ad4f8cda48b30811");
    private static EchoServer fallback;
    private static EchoServer origin;
    private static EngineHarness engine;
    private static int trojan;
    private static int trojanFb;
    private static int vless;
    private static int vlessFb;

    @BeforeAll
    static void start() throws Exception {
        fallback = new EchoServer();
        origin = new EchoServer();
        trojan = FreePort.next();
        trojanFb = FreePort.next();
        vless = FreePort.next();
        vlessFb = FreePort.next();
        String fb = ", \"fallbacks\": [{\"dest\": " + fallback.port() + "}]";
        engine = new EngineHarness("""
                {"log": {"loglevel": "info"}, "policy": {"levels": {"0": {"handshake": 2}}},
                 "inbounds": [
                   {"listen": "127.0.0.1", "port": %d, "protocol": "trojan", "settings": {"clients": [{"password": "vtool-trojan"}]}},
                   {"listen": "127.0.0.1", "port": %d, "protocol": "trojan", "settings": {"clients": [{"password": "vtool-trojan"}]%s}},
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vless",
                    "settings": {"decryption": "none", "clients": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811"}]}},
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vless",
                    "settings": {"decryption": "none", "clients": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811"}]%s}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(trojan, trojanFb, fb, vless, vlessFb, fb), LogLevel.DEBUG);
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
        fallback.close();
        origin.close();
    }

    /** Sends {@code bytes} (then half-closes if asked) and returns everything read until the server closes. */
    private static byte[] send(int port, byte[] bytes, boolean halfClose) throws IOException {
        return send(port, bytes, halfClose, bytes.length);
    }

    /** The same, returning as soon as {@code expect} bytes came back. */
    private static byte[] send(int port, byte[] bytes, boolean halfClose, int expect) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                    if (!halfClose && got.size() >= expect) {
                        break; // the echo came back whole
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed within 5 s: " + engine.log());
            }
            return got.toByteArray();
        }
    }

    private static byte[] garbage(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        b[0] = 1; // never a VLESS version 0
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] trojanHeader(String key, byte[] addressAndPort) {
        return concat(ascii(key + "\r\n"), new byte[] {1}, addressAndPort, ascii("\r\n"));
    }

    private static byte[] ipv4(int port) {
        return new byte[] {1, 127, 0, 0, 1, (byte) (port >> 8), (byte) port};
    }

    @Test
    void trojanWithoutFallbackClosesOnAnythingElse() throws Exception {
        assertEquals(0, send(trojan, garbage(300, 1), false).length);
        assertEquals(0, send(trojan, ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), false).length);
        assertEquals(0, send(trojan, trojanHeader(TrojanKey.of("wrong"), ipv4(origin.port())), false).length);
        // a known key, then the request cut short and the client's end of input
        assertEquals(0, send(trojan, concat(ascii(KEY + "\r\n"), new byte[] {1, 3}), true).length);
        // a known key with a bad address type closes, fallback or not
        assertEquals(0, send(trojanFb, trojanHeader(KEY, new byte[] {9, 1, 2, 3, 4, 0, 80}), false).length);
        assertEquals(0, send(trojanFb, trojanHeader(KEY, new byte[] {3, 0, 0, 80}), false).length, "empty domain");
    }

    @Test
    void trojanFallbackGetsTheFirstReadUntouched() throws Exception {
        for (byte[] probe : new byte[][] {garbage(300, 2), ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), ascii("short"),
                trojanHeader(TrojanKey.of("wrong"), ipv4(origin.port())),
                trojanHeader(KEY.toUpperCase(), ipv4(origin.port()))}) {
            assertArrayEquals(probe, send(trojanFb, probe, false), () -> new String(probe, StandardCharsets.ISO_8859_1) + engine.log());
        }
    }

    @Test
    void vlessWithoutFallbackClosesOnAnythingElse() throws Exception {
        byte[] wrongId = concat(new byte[] {0}, new byte[16], new byte[] {0, 1, 0, 80, 1, 127, 0, 0, 1});
        assertEquals(0, send(vless, garbage(300, 3), false).length);
        assertEquals(0, send(vless, wrongId, false).length);
        assertEquals(0, send(vless, concat(new byte[] {0}, UUID, new byte[] {0, 1}), true).length, "truncated address");
        assertEquals(0, send(vlessFb, concat(new byte[] {0}, UUID, new byte[] {0, 9, 0, 80, 1, 127, 0, 0, 1}), false).length, "bad command");
        assertEquals(0, send(vlessFb, concat(new byte[] {0}, UUID, new byte[] {2, 0x0f, 0, 1, 0, 80, 1, 127, 0, 0, 1}), false).length,
                "addons that are not protobuf");
        assertEquals(0, send(vlessFb, concat(new byte[] {0}, UUID, new byte[] {0, 1, 0, 80, 7, 1, 2, 3, 4}), false).length,
                "bad address type");
    }

    @Test
    void vlessFallbackGetsTheFirstReadUntouched() throws Exception {
        byte[] wrongId = concat(new byte[] {0}, new byte[16], new byte[] {0, 1, 0, 80, 1, 127, 0, 0, 1});
        for (byte[] probe : new byte[][] {garbage(300, 4), ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), ascii("short"), wrongId}) {
            assertArrayEquals(probe, send(vlessFb, probe, false), () -> Arrays.toString(probe) + engine.log());
        }
    }

    @Test
    void everyInboundStillServesAfterwards() throws Exception {
        byte[] ping = ascii("ping after the storm");
        for (int port : new int[] {trojan, trojanFb}) {
            byte[] got = send(port, concat(trojanHeader(KEY, ipv4(origin.port())), ping), false, ping.length);
            assertArrayEquals(ping, got, engine::log);
        }
        byte[] request = concat(new byte[] {0}, UUID, new byte[] {0, 1, (byte) (origin.port() >> 8), (byte) origin.port(), 1, 127, 0, 0, 1});
        for (int port : new int[] {vless, vlessFb}) {
            byte[] got = send(port, concat(request, ping), false, ping.length + 2);
            assertArrayEquals(concat(new byte[] {0, 0}, ping), Arrays.copyOf(got, ping.length + 2), engine::log);
        }
    }

    @Test
    void slowlorisIsClosedByTheHandshakeTimeout() throws Exception {
        long start = System.nanoTime();
        assertEquals(0, send(vless, new byte[] {0, 1, 2}, false).length);
        long ms = (System.nanoTime() - start) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(ms >= 1500 && ms < 4500, "closed after " + ms + " ms");
    }
}
