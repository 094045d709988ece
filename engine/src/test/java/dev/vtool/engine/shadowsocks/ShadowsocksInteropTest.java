package dev.vtool.engine.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.Socks5Udp;
import dev.vtool.engine.testkit.TwoWayOrigin;
import dev.vtool.engine.testkit.UdpEcho;
import dev.vtool.engine.testkit.V2rayProcess;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Shadowsocks on loopback against its reference peers: vtool client -> v2ray 4.34 server and back,
 * vtool client -> shadowsocks-libev's ss-server, ss-local -> vtool server, and vtool -> vtool; TCP (1 MiB
 * up, 2 MiB down, both SHA-256-checked by the far end) and UDP (datagrams echoed), for aes-128-gcm and
 * chacha20-poly1305. The client side is always a SOCKS5 proxy (vtool's or v2ray's socks inbound, or
 * ss-local) so one test client drives every cell.
 */
@ExtendWith(LeakCheck.class)
class ShadowsocksInteropTest {
    private static final String PASSWORD = "interop secret ü";
    private static final int UPLOAD = 1024 * 1024 + 77;
    private static final int DOWNLOAD = 2 * 1024 * 1024 + 13;

    private static Path dir;
    private static TwoWayOrigin origin;
    private static UdpEcho echo;

    @BeforeAll
    static void origins() throws Exception {
        dir = Files.createTempDirectory("ss-interop");
        origin = new TwoWayOrigin(DOWNLOAD);
        echo = new UdpEcho();
    }

    @AfterAll
    static void stop() throws Exception {
        if (origin != null) {
            origin.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    /** streamSettings of the Shadowsocks hop: plain TCP, or WebSocket on /ss. */
    private static String stream(boolean ws) {
        return ws ? ", \"streamSettings\": {\"network\": \"ws\", \"wsSettings\": {\"path\": \"/ss\"}}" : "";
    }

    static String serverJson(int port, String method) {
        return serverJson(port, method, false);
    }

    static String serverJson(int port, String method, boolean ws) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "shadowsocks",
                   "settings": {"method": "%s", "password": "%s", "network": "tcp,udp"}%s}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, method, PASSWORD, stream(ws));
    }

    static String clientJson(int socksPort, int serverPort, String method) {
        return clientJson(socksPort, serverPort, method, false);
    }

    static String clientJson(int socksPort, int serverPort, String method, boolean ws) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                   "settings": {"auth": "noauth", "udp": true, "ip": "127.0.0.1"}}],
                 "outbounds": [{"protocol": "shadowsocks", "settings": {"servers": [{"address": "127.0.0.1",
                   "port": %d, "method": "%s", "password": "%s"}]}%s}]}
                """.formatted(socksPort, serverPort, method, PASSWORD, stream(ws));
    }

    /** libev's name for 4.34's chacha20-poly1305. */
    private static String libevMethod(String method) {
        return method.equals("chacha20-poly1305") ? "chacha20-ietf-poly1305" : method;
    }

    private static AutoCloseable server(String side, int port, String method) throws Exception {
        return switch (side) {
            case "vtool" -> new EngineHarness(serverJson(port, method), LogLevel.WARNING);
            case "v2ray" -> V2rayProcess.start(dir, "server-" + port, serverJson(port, method), port);
            default -> ShadowsocksLibev.server(dir, port, libevMethod(method), PASSWORD);
        };
    }

    private static AutoCloseable client(String side, int socksPort, int serverPort, String method) throws Exception {
        return switch (side) {
            case "vtool" -> new EngineHarness(clientJson(socksPort, serverPort, method), LogLevel.WARNING);
            case "v2ray" -> V2rayProcess.start(dir, "client-" + socksPort, clientJson(socksPort, serverPort, method), socksPort);
            default -> ShadowsocksLibev.local(dir, socksPort, serverPort, libevMethod(method), PASSWORD);
        };
    }

    private static void requirePeers(String clientSide, String serverSide) {
        for (String side : new String[] {clientSide, serverSide}) {
            if (side.equals("v2ray")) {
                V2rayBinary.require();
            } else if (side.equals("libev")) {
                ShadowsocksLibev.require(side == clientSide ? "ss-local" : "ss-server");
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}, {2}")
    @CsvSource({
            "vtool, v2ray, aes-128-gcm", "v2ray, vtool, aes-128-gcm", "vtool, libev, aes-128-gcm", "libev, vtool, aes-128-gcm",
            "vtool, v2ray, chacha20-poly1305", "v2ray, vtool, chacha20-poly1305",
            "vtool, libev, chacha20-poly1305", "libev, vtool, chacha20-poly1305",
            "vtool, vtool, aes-256-gcm", "vtool, v2ray, none", "v2ray, vtool, aes-256-gcm"})
    void tcpBytesArriveIntactBothWays(String clientSide, String serverSide, String method) throws Exception {
        requirePeers(clientSide, serverSide);
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        byte[] upload = new byte[UPLOAD];
        new Random(method.hashCode()).nextBytes(upload);
        try (AutoCloseable s = server(serverSide, serverPort, method);
             AutoCloseable c = client(clientSide, socksPort, serverPort, method)) {
            assertNull(origin.exchange(socksPort, upload, 30_000), () -> diagnostics(s, c));
            // a second connection on the same pair: per-connection salts, nothing carried over
            assertNull(origin.exchange(socksPort, new byte[] {1, 2, 3}, 30_000), () -> diagnostics(s, c));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}, {2}")
    @CsvSource({
            "vtool, v2ray, aes-128-gcm", "v2ray, vtool, aes-128-gcm", "vtool, libev, aes-128-gcm", "libev, vtool, aes-128-gcm",
            "vtool, v2ray, chacha20-poly1305", "v2ray, vtool, chacha20-poly1305",
            "vtool, libev, chacha20-poly1305", "libev, vtool, chacha20-poly1305", "vtool, vtool, none"})
    void udpDatagramsComeBack(String clientSide, String serverSide, String method) throws Exception {
        requirePeers(clientSide, serverSide);
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        try (AutoCloseable s = server(serverSide, serverPort, method);
             AutoCloseable c = client(clientSide, socksPort, serverPort, method);
             Socks5Udp udp = new Socks5Udp(socksPort)) {
            Random r = new Random(method.length());
            for (int size : new int[] {1, 512, 1400}) {
                byte[] payload = new byte[size];
                r.nextBytes(payload);
                assertArrayEquals(payload, udp.exchange(echo.port(), payload), size + " bytes; " + diagnostics(s, c));
            }
        }
    }

    /**
     * Shadowsocks over WebSocket with v2ray on either side: TCP rides the ws transport, UDP goes as plain
     * Shadowsocks datagrams to the same port (4.34 dials UDP with the system dialer whatever the stream
     * transport is).
     */
    @ParameterizedTest(name = "{0} -> {1} over ws")
    @CsvSource({"vtool, v2ray", "v2ray, vtool"})
    void overWebSocket(String clientSide, String serverSide) throws Exception {
        V2rayBinary.require();
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        String method = "chacha20-poly1305";
        boolean vtoolServer = serverSide.equals("vtool");
        try (AutoCloseable s = vtoolServer ? new EngineHarness(serverJson(serverPort, method, true), LogLevel.WARNING)
                     : V2rayProcess.start(dir, "ws-server-" + serverPort, serverJson(serverPort, method, true), serverPort);
             AutoCloseable c = !vtoolServer ? new EngineHarness(clientJson(socksPort, serverPort, method, true), LogLevel.WARNING)
                     : V2rayProcess.start(dir, "ws-client-" + socksPort, clientJson(socksPort, serverPort, method, true), socksPort);
             Socks5Udp udp = new Socks5Udp(socksPort)) {
            byte[] upload = new byte[300_000];
            new Random(3).nextBytes(upload);
            assertNull(origin.exchange(socksPort, upload, 30_000), () -> diagnostics(s, c));
            byte[] datagram = "over ws, the datagram still goes as UDP".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertArrayEquals(datagram, udp.exchange(echo.port(), datagram), () -> diagnostics(s, c));
        }
    }

    private static String diagnostics(AutoCloseable... sides) {
        StringBuilder b = new StringBuilder();
        for (AutoCloseable side : sides) {
            try {
                if (side instanceof EngineHarness h) {
                    b.append("\nvtool: ").append(h.log());
                } else if (side instanceof V2rayProcess p) {
                    b.append("\nv2ray: ").append(p.output());
                } else if (side instanceof ShadowsocksLibev l) {
                    b.append("\nlibev: ").append(l.output());
                }
            } catch (Exception e) {
                b.append("\n(").append(e).append(")");
            }
        }
        return b.toString();
    }
}
