package dev.vtool.engine.transport.kcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile datagrams on mKCP listeners (plain and with a seed): garbage, oversized and empty datagrams,
 * envelopes that do not open, a first segment that is TERMINATE, well-formed sessions carrying garbage for
 * VMess. None crashes the listener, a session with a bad VMess request is ended by TERMINATE, nothing leaks,
 * and a real client still gets through afterwards.
 */
@ExtendWith(LeakCheck.class)
class HostileKcpListenerTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static int plainPort;
    private static int seedPort;
    private static EngineHarness server;
    private static ServerSocket echo;
    private static Thread echoThread;

    @BeforeAll
    static void start() throws Exception {
        plainPort = FreePort.nextUdp();
        seedPort = FreePort.nextUdp();
        server = new EngineHarness("""
                {"log": {"loglevel": "info"},
                 "policy": {"levels": {"0": {"handshake": 2}}},
                 "inbounds": [
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%s"}]},
                    "streamSettings": {"network": "kcp"}},
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%s"}]},
                    "streamSettings": {"network": "kcp", "kcpSettings": {"seed": "s", "header": {"type": "dtls"}}}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(plainPort, ID, seedPort, ID), LogLevel.INFO);
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThread = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                try (Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        echoThread.setDaemon(true);
        echoThread.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (echo != null) {
            echo.close();
        }
        if (server != null) {
            String log = server.log();
            server.close();
            assertTrue(!log.contains("\tat "), "a stack trace in the log: " + log);
        }
    }

    private static void send(DatagramSocket s, int port, byte[] b) throws Exception {
        s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void hostileDatagramsAreIgnored() throws Exception {
        SecureRandom r = new SecureRandom();
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 500; i++) {
                byte[] g = new byte[1 + r.nextInt(1500)];
                r.nextBytes(g);
                send(s, plainPort, g);
                send(s, seedPort, g);
            }
            send(s, plainPort, new byte[0]);
            send(s, plainPort, new byte[4000]);
            KcpEnvelope simple = KcpEnvelope.of(null);
            // opens, but holds no valid segment; and a TERMINATE for a session that does not exist
            send(s, plainPort, simple.seal(new byte[] {1, 2, 3, 4, 5}));
            send(s, plainPort, simple.seal(new KcpSegment.Cmd(77, KcpSegment.CMD_TERMINATE, 0, 0, 0, 100).bytes()));
            // the simple envelope on the seeded listener does not open there
            byte[] dtls = new byte[13];
            byte[] plainData = simple.seal(new KcpSegment.Data(78, 0, 0, 0, 0, new byte[64]).bytes());
            byte[] d = new byte[13 + plainData.length];
            System.arraycopy(dtls, 0, d, 0, 13);
            System.arraycopy(plainData, 0, d, 13, plainData.length);
            send(s, seedPort, d);
            s.setSoTimeout(300);
            try {
                s.receive(new DatagramPacket(new byte[2048], 2048));
                throw new AssertionError("a listener answered a datagram it should have ignored");
            } catch (SocketTimeoutException expected) {
                // silence is right
            }
        }
        assertTrue(clientGetsThrough(plainPort, ""), server.log());
        assertTrue(clientGetsThrough(seedPort, ", \"kcpSettings\": {\"seed\": \"s\", \"header\": {\"type\": \"dtls\"}}"),
                server.log());
    }

    @Test
    void aSessionWithABadVmessRequestIsTerminated() throws Exception {
        KcpEnvelope simple = KcpEnvelope.of(null);
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] junk = new byte[200];
            new SecureRandom().nextBytes(junk);
            send(s, plainPort, simple.seal(new KcpSegment.Data(99, 0, 0, 0, 0, junk).bytes()));
            s.setSoTimeout(1_000);
            long end = System.nanoTime() + 30_000_000_000L;
            boolean terminated = false;
            while (!terminated && System.nanoTime() < end) {
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException quiet) {
                    continue;
                }
                byte[] opened = simple.open(p.getData(), 0, p.getLength());
                for (KcpSegment seg : opened == null ? List.<KcpSegment>of() : KcpSegment.parseAll(opened, 0, opened.length)) {
                    terminated |= seg instanceof KcpSegment.Cmd c && c.command() == KcpSegment.CMD_TERMINATE;
                }
            }
            assertTrue(terminated, "no TERMINATE from the server: " + server.log());
        }
    }

    private static boolean clientGetsThrough(int serverPort, String kcpSettings) throws Exception {
        int in = FreePort.next();
        try (EngineHarness client = new EngineHarness("""
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                   "settings": {"address": "127.0.0.1", "port": %d, "network": "tcp"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s"}]}]}, "streamSettings": {"network": "kcp"%s}}]}
                """.formatted(in, echo.getLocalPort(), serverPort, ID, kcpSettings), LogLevel.WARNING);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), in)) {
            s.setSoTimeout(10_000);
            byte[] msg = new byte[100_000];
            new SecureRandom().nextBytes(msg);
            OutputStream out = s.getOutputStream();
            out.write(msg);
            out.flush();
            InputStream input = s.getInputStream();
            byte[] back = input.readNBytes(msg.length);
            assertArrayEquals(msg, back, client.log());
            return true;
        }
    }
}
