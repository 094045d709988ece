package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SOCKS5 UDP ASSOCIATE round trip to a UDP echo server, and refusal when {@code udp} is off. */
@ExtendWith(LeakCheck.class)
class SocksUdpTest {
    @Test
    void udpAssociateRoundTrip() throws Exception {
        int port = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"inbounds": [{"tag": "s", "listen": "127.0.0.1", "port": %d, "protocol": "socks",
                                    "settings": {"udp": true}}],
                      "outbounds": [{"tag": "direct", "protocol": "freedom"}]}
                     """.formatted(port));
             Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            tcp.setSoTimeout(3000);
            OutputStream out = tcp.getOutputStream();
            DataInputStream in = new DataInputStream(tcp.getInputStream());
            out.write(new byte[] {5, 1, 0});
            byte[] method = new byte[2];
            in.readFully(method);
            assertEquals(0, method[1]);
            out.write(new byte[] {5, 3, 0, 1, 0, 0, 0, 0, 0, 0});
            byte[] reply = new byte[10];
            in.readFully(reply);
            assertEquals(0, reply[1], "UDP ASSOCIATE must succeed");
            int udpPort = ((reply[8] & 0xFF) << 8) | (reply[9] & 0xFF);
            assertEquals(port, udpPort, "the UDP relay listens on the inbound's port");

            try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                client.setSoTimeout(3000);
                for (String text : List.of("ping-1", "ping-2")) {
                    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
                    ByteBuffer req = ByteBuffer.allocate(10 + payload.length);
                    req.put(new byte[] {0, 0, 0, 1}).put(InetAddress.getLoopbackAddress().getAddress())
                            .putShort((short) origin.udpPort()).put(payload);
                    client.send(new DatagramPacket(req.array(), req.capacity(),
                            new InetSocketAddress("127.0.0.1", udpPort)));
                    byte[] buf = new byte[2048];
                    DatagramPacket answer = new DatagramPacket(buf, buf.length);
                    client.receive(answer);
                    byte[] got = Arrays.copyOf(buf, answer.getLength());
                    assertEquals(1, got[3], "IPv4 source address in the reply header");
                    int from = ((got[8] & 0xFF) << 8) | (got[9] & 0xFF);
                    assertEquals(origin.udpPort(), from);
                    assertEquals("echo:" + text, new String(got, 10, got.length - 10, StandardCharsets.UTF_8));
                }
            }
            assertTrue(vtool.awaitLog("accepted udp:127.0.0.1:" + origin.udpPort() + " [direct]",
                    java.time.Duration.ofSeconds(2)), vtool.log());
        }
    }

    @Test
    void udpAssociateRefusedWhenDisabled() throws Exception {
        int port = FreePort.next();
        try (EngineHarness vtool = new EngineHarness("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(port));
             Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            tcp.setSoTimeout(3000);
            tcp.getOutputStream().write(new byte[] {5, 1, 0});
            DataInputStream in = new DataInputStream(tcp.getInputStream());
            in.readFully(new byte[2]);
            tcp.getOutputStream().write(new byte[] {5, 3, 0, 1, 0, 0, 0, 0, 0, 0});
            byte[] reply = new byte[10];
            in.readFully(reply);
            assertEquals(7, reply[1], "command not supported");
            assertTrue(vtool.awaitLog("UDP is not enabled.", java.time.Duration.ofSeconds(2)), vtool.log());
        }
    }

    @Test
    void dokodemoForwardsUdpAndTcp() throws Exception {
        int port = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"inbounds": [{"tag": "dns-like", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                                    "settings": {"address": "127.0.0.1", "port": %d, "network": "tcp,udp"}}],
                      "outbounds": [{"protocol": "freedom"}]}
                     """.formatted(port, origin.udpPort()));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(3000);
            byte[] q = "query".getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(q, q.length, new InetSocketAddress("127.0.0.1", port)));
            byte[] buf = new byte[2048];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            client.receive(answer);
            assertEquals("echo:query", new String(buf, 0, answer.getLength(), StandardCharsets.UTF_8));
            assertTrue(vtool.awaitLog("accepted udp:127.0.0.1:" + origin.udpPort(), java.time.Duration.ofSeconds(2)),
                    vtool.log());
        }
    }
}
