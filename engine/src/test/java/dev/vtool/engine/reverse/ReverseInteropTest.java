package dev.vtool.engine.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
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

    private static Side start(InteropCell cell, boolean vtool, String name, String json, int port) throws Exception {
        return vtool ? cell.vtool("vtool " + name, json, LogLevel.INFO) : cell.v2ray(name, json, port);
    }

    @ParameterizedTest(name = "{0} bridge -> {1} portal")
    @CsvSource({"vtool,v2ray", "v2ray,vtool", "vtool,vtool"})
    void clientsAtThePortalReachTheServiceBehindTheBridge(String bridgeSide, String portalSide) throws Exception {
        InteropCell.requireV2ray();
        int publicPort = FreePort.next();
        int tunnelPort = FreePort.next();
        int probePort = FreePort.next();
        int udpPort = FreePort.nextUdp();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (EchoService echo = new EchoService(); InteropCell cell = InteropCell.open("reverse", 1);
             Side portal = start(cell, portalSide.equals("vtool"), "portal",
                     portal(publicPort, udpPort, tunnelPort, echo.port(), cell.echoPort()), publicPort);
             Side bridge = start(cell, bridgeSide.equals("vtool"), "bridge", bridge(probePort, tunnelPort), probePort)) {
            byte[] first = payload(1, 4096);
            assertArrayEquals(first, firstExchange(publicPort, first), cell::logs);
            List<Future<byte[]>> runs = new ArrayList<>();
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                byte[] p = payload(10 + i, 200 * 1024 + i);
                sent.add(p);
                runs.add(pool.submit(() -> EchoService.exchange(publicPort, p, 20_000)));
            }
            for (int i = 0; i < runs.size(); i++) {
                byte[] got = runs.get(i).get(60, TimeUnit.SECONDS);
                int n = i;
                assertArrayEquals(sent.get(i), got, () -> "connection " + n + cell.logs());
            }
            for (int size : new int[] {5, 1200, 2000}) {
                byte[] datagram = payload(100 + size, size);
                assertArrayEquals(datagram, udpExchange(udpPort, datagram), () -> size + " bytes" + cell.logs());
            }
            if (bridge.isVtool()) {
                assertTrue(bridge.log().contains("received request for tcp:127.0.0.1:" + echo.port()), bridge::log);
                assertTrue(bridge.log().contains("received request for udp:127.0.0.1:" + cell.echoPort()), bridge::log);
            }
            if (portal.isVtool()) {
                assertTrue(portal.log().contains("portal [portal] got a bridge link"), portal::log);
            }
        } finally {
            pool.shutdownNow();
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
}
