package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.engine.stats.StatsCounters;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where the counters sit decides what they count: through a dokodemo-door (no protocol header) and freedom,
 * inbound and outbound counters equal the payload both ways, TCP and UDP; counters of a policy
 * switch that is off do not exist.
 */
@ExtendWith(LeakCheck.class)
class StatsCountingTest {
    @Test
    void dokodemoAndFreedomCountThePayload() throws Exception {
        try (ServerSocket tcpEcho = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             DatagramSocket udpEcho = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (Socket c = tcpEcho.accept()) {
                    byte[] in = new DataInputStream(c.getInputStream()).readNBytes(1000);
                    c.getOutputStream().write(new byte[in.length * 3]);
                } catch (Exception ignored) {
                    // the test fails on its own numbers
                }
            });
            echo.setDaemon(true);
            echo.start();
            Thread udp = new Thread(() -> {
                try {
                    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                    udpEcho.receive(p);
                    udpEcho.send(new DatagramPacket(new byte[50], 50, p.getSocketAddress()));
                } catch (Exception ignored) {
                    // the test fails on its own numbers
                }
            });
            udp.setDaemon(true);
            udp.start();
            int tcpPort = FreePort.next();
            int udpPort = FreePort.next();
            try (EngineHarness vtool = new EngineHarness("""
                    {"stats": {},
                     "policy": {"system": {"statsInboundUplink": true, "statsInboundDownlink": true,
                                           "statsOutboundUplink": true}},
                     "inbounds": [{"tag": "t", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                                   "settings": {"address": "127.0.0.1", "port": %d}},
                                  {"tag": "u", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                                   "settings": {"address": "127.0.0.1", "port": %d, "network": "udp"}}],
                     "outbounds": [{"tag": "out", "protocol": "freedom"}]}
                    """.formatted(tcpPort, tcpEcho.getLocalPort(), udpPort, udpEcho.getLocalPort()), LogLevel.WARNING)) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort), 3000);
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(new byte[1000]);
                    assertEquals(3000, new DataInputStream(s.getInputStream()).readNBytes(3000).length);
                }
                try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                    client.setSoTimeout(5000);
                    client.send(new DatagramPacket(new byte[70], 70, InetAddress.getLoopbackAddress(), udpPort));
                    DatagramPacket back = new DatagramPacket(new byte[2048], 2048);
                    client.receive(back);
                    assertEquals(50, back.getLength());
                }
                StatsCounters stats = vtool.engine.stats();
                long deadline = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < deadline
                        && stats.value(StatsCounters.inbound("u", false), false) < 50) {
                    Thread.sleep(20);
                }
                assertEquals(1000L, stats.value(StatsCounters.inbound("t", true), false));
                assertEquals(3000L, stats.value(StatsCounters.inbound("t", false), false));
                // freedom's uplink: the TCP stream's 1000 bytes and the 70-byte datagram, as 4.34 counts both
                assertEquals(1070L, stats.value(StatsCounters.outbound("out", true), false));
                assertNull(stats.value(StatsCounters.outbound("out", false), false), "statsOutboundDownlink is off");
                assertEquals(70L, stats.value(StatsCounters.inbound("u", true), false));
                assertEquals(50L, stats.value(StatsCounters.inbound("u", false), false));
            }
        }
    }
}
