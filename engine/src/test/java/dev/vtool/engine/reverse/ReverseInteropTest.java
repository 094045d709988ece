package dev.vtool.engine.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.UdpEcho;
import dev.vtool.engine.testkit.V2rayProcess;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reverse proxy against the real v2ray 4.34 on loopback: a bridge (behind the "firewall") dials its
 * portal over VMess; clients connect to the portal's public dokodemo-door inbound and reach an echo service
 * on the bridge's side through the bridge's freedom outbound. vtool bridge with v2ray portal, v2ray bridge
 * with vtool portal, and vtool on both sides; several connections at once, bytes checked both ways, and UDP
 * datagrams through a dokodemo-door UDP inbound to a UDP echo behind the bridge.
 */
@Tag("interop")
@ExtendWith(LeakCheck.class)
class ReverseInteropTest {
    static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    static final String DOMAIN = "reverse.vtool.test";

    static String portal(int publicPort, int udpPort, int tunnelPort, int echoPort, int udpEchoPort) {
        return """
                {"log": {"loglevel": "info"},
                 "reverse": {"portals": [{"tag": "portal", "domain": "%s"}]},
                 "inbounds": [
                   {"tag": "public", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                    "settings": {"address": "127.0.0.1", "port": %d, "network": "tcp"}},
                   {"tag": "public-udp", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                    "settings": {"address": "127.0.0.1", "port": %d, "network": "udp"}},
                   {"tag": "tunnel", "listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                    "settings": {"clients": [{"id": "%s", "alterId": 0}]}}],
                 "outbounds": [{"tag": "nowhere", "protocol": "blackhole"}],
                 "routing": {"rules": [
                   {"type": "field", "inboundTag": ["tunnel"], "domain": ["full:%s"], "outboundTag": "portal"},
                   {"type": "field", "inboundTag": ["public", "public-udp"], "outboundTag": "portal"}]}}
                """.formatted(DOMAIN, publicPort, echoPort, udpPort, udpEchoPort, tunnelPort, ID, DOMAIN);
    }

    /** A bridge; its probe inbound only tells the test that the process is up. */
    static String bridge(int probePort, int tunnelPort) {
        return """
                {"log": {"loglevel": "info"},
                 "reverse": {"bridges": [{"tag": "bridge", "domain": "%s"}]},
                 "inbounds": [{"tag": "probe", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                   "settings": {"address": "127.0.0.1", "port": 9, "network": "tcp"}}],
                 "outbounds": [
                   {"tag": "local", "protocol": "freedom"},
                   {"tag": "interconn", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                     "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]}}],
                 "routing": {"rules": [
                   {"type": "field", "inboundTag": ["bridge"], "domain": ["full:%s"], "outboundTag": "interconn"},
                   {"type": "field", "inboundTag": ["bridge"], "outboundTag": "local"}]}}
                """.formatted(DOMAIN, probePort, tunnelPort, ID, DOMAIN);
    }

    private static AutoCloseable start(boolean vtool, Path dir, String name, String json, int port) throws Exception {
        return vtool ? new EngineHarness(json, LogLevel.INFO) : V2rayProcess.start(dir, name, json, port);
    }

    @ParameterizedTest(name = "{0} bridge -> {1} portal")
    @CsvSource({"vtool,v2ray", "v2ray,vtool", "vtool,vtool"})
    void clientsAtThePortalReachTheServiceBehindTheBridge(String bridgeSide, String portalSide) throws Exception {
        V2rayBinary.require();
        Path dir = Files.createTempDirectory("reverse");
        int publicPort = FreePort.next();
        int tunnelPort = FreePort.next();
        int probePort = FreePort.next();
        int udpPort = FreePort.nextUdp();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (EchoService echo = new EchoService(); UdpEcho udpEcho = new UdpEcho();
             AutoCloseable portal = start(portalSide.equals("vtool"), dir, "portal",
                     portal(publicPort, udpPort, tunnelPort, echo.port(), udpEcho.port()), publicPort);
             AutoCloseable bridge = start(bridgeSide.equals("vtool"), dir, "bridge", bridge(probePort, tunnelPort),
                     probePort)) {
            byte[] first = payload(1, 4096);
            assertArrayEquals(first, firstExchange(publicPort, first), () -> logs(bridge, portal));
            List<Future<byte[]>> runs = new ArrayList<>();
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                byte[] p = payload(10 + i, 200 * 1024 + i);
                sent.add(p);
                runs.add(pool.submit(() -> EchoService.exchange(publicPort, p, 20_000)));
            }
            for (int i = 0; i < runs.size(); i++) {
                byte[] got = runs.get(i).get(60, TimeUnit.SECONDS);
                assertArrayEquals(sent.get(i), got, "connection " + i + logs(bridge, portal));
            }
            for (int size : new int[] {5, 1200, 2000}) {
                byte[] datagram = payload(100 + size, size);
                assertArrayEquals(datagram, udpExchange(udpPort, datagram), size + " bytes" + logs(bridge, portal));
            }
            if (bridge instanceof EngineHarness h) {
                assertTrue(h.log().contains("received request for tcp:127.0.0.1:" + echo.port()), h.log());
                assertTrue(h.log().contains("received request for udp:127.0.0.1:" + udpEcho.port()), h.log());
            }
            if (portal instanceof EngineHarness h) {
                assertTrue(h.log().contains("portal [portal] got a bridge link"), h.log());
            }
        } finally {
            pool.shutdownNow();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The first exchange, repeated (bounded: 10 s) until the bridge's link is up: before it, the portal
     * closes clients at once (no link in its pool).
     */
    static byte[] firstExchange(int port, byte[] payload) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        byte[] got = new byte[0];
        while (System.nanoTime() < deadline) {
            try {
                got = EchoService.exchange(port, payload, 5_000);
                if (got.length == payload.length) {
                    return got;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(100);
        }
        return got;
    }

    /** One datagram to {@code port} and its echo; a lost datagram is sent again (5 tries of 2 s). */
    static byte[] udpExchange(int port, byte[] datagram) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(2_000);
            for (int i = 0; i < 5; i++) {
                s.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
                try {
                    s.receive(in);
                    return java.util.Arrays.copyOf(in.getData(), in.getLength());
                } catch (java.net.SocketTimeoutException e) {
                    // lost; again
                }
            }
            return new byte[0];
        }
    }

    static byte[] payload(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String logs(AutoCloseable... sides) {
        StringBuilder b = new StringBuilder();
        for (AutoCloseable a : sides) {
            try {
                if (a instanceof EngineHarness h) {
                    b.append("\n---- vtool log:\n").append(h.log());
                } else if (a instanceof V2rayProcess p) {
                    b.append("\n---- v2ray log:\n").append(p.output());
                }
            } catch (IOException e) {
                b.append("\n(log unreadable: ").append(e.getMessage()).append(')');
            }
        }
        return b.toString();
    }
}
