package dev.vtool.engine.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A vtool bridge facing a portal played by the test on a plain socket, and a vtool portal facing a bridge
 * played by the test: garbage control messages are skipped, a link that drops mid-stream ends its sessions
 * and (bridge side) is replaced by a fresh link; Netty's leak detector (paranoid) sees nothing leak.
 */
@ExtendWith(LeakCheck.class)
class ReverseHostileTest {
    private static final String DOMAIN = "reverse.vtool.test";
    private static final int TIMEOUT_MILLIS = 10_000;

    private static String bridge(int fakePortalPort) {
        return """
                {"log": {"loglevel": "info"},
                 "reverse": {"bridges": [{"tag": "bridge", "domain": "%s"}]},
                 "outbounds": [
                   {"tag": "local", "protocol": "freedom"},
                   {"tag": "interconn", "protocol": "freedom", "settings": {"redirect": "127.0.0.1:%d"}}],
                 "routing": {"rules": [
                   {"type": "field", "inboundTag": ["bridge"], "domain": ["full:%s"], "outboundTag": "interconn"},
                   {"type": "field", "inboundTag": ["bridge"], "outboundTag": "local"}]}}
                """.formatted(DOMAIN, fakePortalPort, DOMAIN);
    }

    private static String portal(int publicPort, int tunnelPort, int servicePort) {
        return """
                {"log": {"loglevel": "info"},
                 "reverse": {"portals": [{"tag": "portal", "domain": "%s"}]},
                 "inbounds": [
                   {"tag": "public", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                    "settings": {"address": "127.0.0.1", "port": %d, "network": "tcp"}},
                   {"tag": "tunnel", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                    "settings": {"address": "%s", "port": 1, "network": "tcp"}}],
                 "outbounds": [{"tag": "nowhere", "protocol": "blackhole"}],
                 "routing": {"rules": [
                   {"type": "field", "inboundTag": ["tunnel", "public"], "outboundTag": "portal"}]}}
                """.formatted(DOMAIN, publicPort, servicePort, tunnelPort, DOMAIN);
    }

    @Test
    void bridgeSkipsGarbageControlAndReplacesALinkThatDrops() throws Exception {
        try (ServerSocket fakePortal = listen(); EchoService echo = new EchoService();
             EngineHarness bridge = new EngineHarness(bridge(fakePortal.getLocalPort()), LogLevel.INFO)) {
            byte[] hello = "hello through the bridge".getBytes(StandardCharsets.UTF_8);
            try (Socket link = fakePortal.accept()) {
                link.setSoTimeout(TIMEOUT_MILLIS);
                OutputStream out = link.getOutputStream();
                MuxWire.write(out,
                        MuxWire.open(1, MuxWire.UDP, ReverseControl.INTERNAL_DOMAIN, 0, new byte[] {(byte) 0xff, (byte) 0xff}),
                        MuxWire.keep(1, new byte[] {0x08, 0x05, 0x1a}), // state 5, then a truncated field
                        MuxWire.keep(1, new byte[] {(byte) 0x9a, 0x06, 0x02, 0x01, 0x02}), // a valid ACTIVE
                        MuxWire.open(2, MuxWire.TCP, "127.0.0.1", echo.port(), hello));
                assertArrayEquals(hello, readSession(link.getInputStream(), 2, hello.length), bridge.log());
                assertTrue(bridge.awaitLog("failed to parse proto message", Duration.ofSeconds(5)), bridge.log());
                // a second session in flight, then the link drops hard (RST)
                MuxWire.write(out, MuxWire.open(3, MuxWire.TCP, "127.0.0.1", echo.port(), new byte[100]));
                link.setSoLinger(true, 0);
            }
            // the bridge notices within its 2 s monitor and dials a fresh link, which works
            fakePortal.setSoTimeout(TIMEOUT_MILLIS);
            try (Socket link = fakePortal.accept()) {
                link.setSoTimeout(TIMEOUT_MILLIS);
                byte[] again = "again".getBytes(StandardCharsets.UTF_8);
                MuxWire.write(link.getOutputStream(),
                        MuxWire.open(1, MuxWire.UDP, ReverseControl.INTERNAL_DOMAIN, 0, new byte[0]),
                        MuxWire.open(2, MuxWire.TCP, "127.0.0.1", echo.port(), again));
                assertArrayEquals(again, readSession(link.getInputStream(), 2, again.length), bridge.log());
            }
        }
    }

    @Test
    void portalOpensControlThenSessionsAndEndsThemWhenTheLinkDrops() throws Exception {
        int publicPort = FreePort.next();
        int tunnelPort = FreePort.next();
        try (EngineHarness portal = new EngineHarness(portal(publicPort, tunnelPort, 7), LogLevel.INFO);
             Socket link = connect(tunnelPort)) {
            InputStream in = link.getInputStream();
            MuxWire.Frame control = MuxWire.read(in);
            assertEquals(MuxWire.NEW, control.status());
            assertEquals(MuxWire.UDP, control.network());
            assertEquals(ReverseControl.INTERNAL_DOMAIN, control.host());
            assertEquals(0, control.port());
            assertTrue(portal.awaitLog("portal [portal] got a bridge link", Duration.ofSeconds(5)), portal.log());
            try (Socket client = connect(publicPort)) {
                client.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
                MuxWire.Frame open = nextFrameNot(in, 1);
                assertEquals(MuxWire.NEW, open.status(), open.toString());
                assertEquals(MuxWire.TCP, open.network());
                assertEquals("127.0.0.1", open.host());
                assertEquals(7, open.port());
                ByteArrayOutputStream up = new ByteArrayOutputStream();
                if (open.data() != null) {
                    up.write(open.data());
                }
                while (up.size() < 4) {
                    MuxWire.Frame f = nextFrameNot(in, 1);
                    if (f.data() != null) {
                        up.write(f.data());
                    }
                }
                assertEquals("ping", up.toString(StandardCharsets.UTF_8));
                MuxWire.write(link.getOutputStream(), MuxWire.keep(open.id(), "pong".getBytes(StandardCharsets.UTF_8)),
                        MuxWire.keep(1, new byte[] {0x01, 0x02, 0x03})); // garbage on the control stream: dropped
                assertEquals("pong", new String(client.getInputStream().readNBytes(4), StandardCharsets.UTF_8));
                // the bridge's link drops mid-stream: the client's connection ends, bounded
                link.setSoLinger(true, 0);
                link.close();
                assertTrue(endsSoon(client), "the client's connection stayed open after the link dropped\n" + portal.log());
            }
            // no link left: a new client is closed at once, as 4.34 does
            try (Socket late = connect(publicPort)) {
                assertTrue(endsSoon(late), portal.log());
            }
            assertTrue(portal.awaitLog("empty worker list", Duration.ofSeconds(5)), portal.log());
        }
    }

    /** Reads frames until {@code n} bytes of session {@code id}'s data arrived (control frames skipped). */
    private static byte[] readSession(InputStream in, int id, int n) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int i = 0; i < 1000 && got.size() < n; i++) {
            MuxWire.Frame f = MuxWire.read(in);
            if (f.id() == id && f.data() != null) {
                got.write(f.data());
            }
        }
        return got.toByteArray();
    }

    private static MuxWire.Frame nextFrameNot(InputStream in, int skipId) throws IOException {
        for (int i = 0; i < 1000; i++) {
            MuxWire.Frame f = MuxWire.read(in);
            if (f.id() != skipId) {
                return f;
            }
        }
        throw new IOException("only frames of session " + skipId);
    }

    private static boolean endsSoon(Socket s) throws IOException {
        s.setSoTimeout(5_000);
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(TIMEOUT_MILLIS);
        return s;
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
        s.setSoTimeout(TIMEOUT_MILLIS);
        return s;
    }
}
