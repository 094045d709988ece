package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** vtool's policy.limits: connection caps, the http inbound's header cap and UDP flow caps with idle expiry. */
@ExtendWith(LeakCheck.class)
class LimitsTest {
    private static boolean closedByServer(Socket s, int waitMillis) throws IOException {
        s.setSoTimeout(waitMillis);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void perSourceConnectionCapClosesTheExtraConnectionAndFreesSlotsOnClose() throws Exception {
        int port = FreePort.next();
        try (EngineHarness vtool = new EngineHarness("""
                {"log": {"loglevel": "info"},
                 "policy": {"limits": {"maxConnectionsPerSource": 3}},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(port))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    held.add(s);
                }
                Thread.sleep(200);
                try (Socket extra = new Socket("127.0.0.1", port)) {
                    assertTrue(closedByServer(extra, 2000), "the 4th connection from one IP must be closed");
                }
                assertTrue(vtool.awaitLog("policy.limits.maxConnectionsPerSource reached", Duration.ofSeconds(2)),
                        vtool.log());
                for (Socket s : held) {
                    assertTrue(!closedByServer(s, 100), "a connection within the cap was closed");
                }
                held.remove(0).close();
                Thread.sleep(300);
                try (Socket again = new Socket("127.0.0.1", port)) {
                    again.getOutputStream().write(new byte[] {5, 1, 0});
                    again.setSoTimeout(2000);
                    assertEquals(5, again.getInputStream().read(), "a freed slot serves again");
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void oversizedHttpHeadersGet431AndTheConnectionEndsEarly() throws Exception {
        int port = FreePort.next();
        try (EngineHarness vtool = new EngineHarness("""
                {"log": {"loglevel": "info"},
                 "policy": {"limits": {"httpMaxHeaderSize": 8192}},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "http"}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(port));
             Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] line = ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write("GET http://127.0.0.1/ HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            int sent = 0;
            try {
                while (sent < 1024 * 1024) { // up to 1 MiB of header lines at full speed
                    out.write(line);
                    sent += line.length;
                    if (in.available() > 0) {
                        break;
                    }
                }
            } catch (IOException closed) {
                // the server stopped reading and closed: expected
            }
            byte[] answer = in.readNBytes(12);
            assertEquals("HTTP/1.1 431", new String(answer, StandardCharsets.US_ASCII));
            assertTrue(vtool.awaitLog("exceed policy.limits.httpMaxHeaderSize", Duration.ofSeconds(2)), vtool.log());
        }
    }

    @Test
    void udpFlowsAreCappedAndIdleOnesExpire() throws Exception {
        int port = FreePort.next();
        try (TestOrigin echo = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"policy": {"limits": {"udpMaxSessions": 5, "udpSessionIdle": 2}},
                      "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                                    "settings": {"address": "127.0.0.1", "port": %d, "network": "udp"}}],
                      "outbounds": [{"protocol": "freedom"}]}
                     """.formatted(port, echo.udpPort()))) {
            List<DatagramSocket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) { // 20 source ports at once, cap 5
                    DatagramSocket c = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                    clients.add(c);
                    send(c, port);
                }
                // poll all sockets round-robin for 1.5 s in total
                boolean[] got = new boolean[clients.size()];
                long end = System.nanoTime() + 1_500_000_000L;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < clients.size(); i++) {
                        got[i] |= !got[i] && answer(clients.get(i), 5);
                    }
                }
                int answered = 0;
                for (boolean g : got) {
                    answered += g ? 1 : 0;
                }
                assertEquals(5, answered, "exactly udpMaxSessions flows may open");
                Thread.sleep(3500); // udpSessionIdle 2 s, sweeps every second
                send(clients.get(19), port);
                assertTrue(answer(clients.get(19), 2000), "idle flows expired, so a new one opens");
            } finally {
                for (DatagramSocket c : clients) {
                    c.close();
                }
            }
        }
    }

    private static void send(DatagramSocket c, int port) throws IOException {
        byte[] q = "q".getBytes(StandardCharsets.US_ASCII);
        c.send(new DatagramPacket(q, q.length, new InetSocketAddress("127.0.0.1", port)));
    }

    private static boolean answer(DatagramSocket c, int waitMillis) throws IOException {
        c.setSoTimeout(waitMillis);
        try {
            c.receive(new DatagramPacket(new byte[64], 64));
            return true;
        } catch (SocketTimeoutException none) {
            return false;
        }
    }
}
