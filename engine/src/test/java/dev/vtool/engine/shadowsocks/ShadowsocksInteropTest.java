package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.util.List;
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
    private static final String LIBEV = "shadowsocks-libev";
    private static final int UPLOAD = 1024 * 1024 + 77;
    private static final int DOWNLOAD = 2 * 1024 * 1024 + 13;

    private static InteropCell cell;

    @BeforeAll
    static void open() throws Exception {
        cell = InteropCell.open("ss-interop", DOWNLOAD);
    }

    @AfterAll
    static void close() throws Exception {
        if (cell != null) {
            cell.close();
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

    private static Side server(String side, int port, String method) throws Exception {
        return switch (side) {
            case "vtool" -> cell.vtool("vtool server", serverJson(port, method), LogLevel.WARNING);
            case "v2ray" -> cell.v2ray("server-" + port, serverJson(port, method), port);
            // ss-server with UDP on 127.0.0.1:port
            default -> cell.peer("ss-server-" + port, "/usr/bin/ss-server", LIBEV, List.of("-s", "127.0.0.1",
                    "-p", String.valueOf(port), "-k", PASSWORD, "-m", libevMethod(method), "-u", "-t", "60"), port);
        };
    }

    private static Side client(String side, int socksPort, int serverPort, String method) throws Exception {
        return switch (side) {
            case "vtool" -> cell.vtool("vtool client", clientJson(socksPort, serverPort, method), LogLevel.WARNING);
            case "v2ray" -> cell.v2ray("client-" + socksPort, clientJson(socksPort, serverPort, method), socksPort);
            // ss-local: a SOCKS5 proxy with UDP on 127.0.0.1:socksPort
            default -> cell.peer("ss-local-" + socksPort, "/usr/bin/ss-local", LIBEV, List.of("-s", "127.0.0.1",
                    "-p", String.valueOf(serverPort), "-b", "127.0.0.1", "-l", String.valueOf(socksPort), "-k", PASSWORD,
                    "-m", libevMethod(method), "-u", "-t", "60"), socksPort);
        };
    }

    private static void requirePeers(String clientSide, String serverSide) {
        for (String side : new String[] {clientSide, serverSide}) {
            if (side.equals("v2ray")) {
                InteropCell.requireV2ray();
            } else if (side.equals("libev")) {
                InteropCell.require(side == clientSide ? "/usr/bin/ss-local" : "/usr/bin/ss-server", LIBEV);
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
        try (Side s = server(serverSide, serverPort, method);
             Side c = client(clientSide, socksPort, serverPort, method)) {
            cell.assertTcp(socksPort, upload, 1);
            // a second connection on the same pair: per-connection salts, nothing carried over
            cell.assertTcp(socksPort, new byte[] {1, 2, 3}, 1);
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
        try (Side s = server(serverSide, serverPort, method);
             Side c = client(clientSide, socksPort, serverPort, method)) {
            Random r = new Random(method.length());
            int[] sizes = {1, 512, 1400};
            byte[][] payloads = new byte[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                payloads[i] = new byte[sizes[i]];
                r.nextBytes(payloads[i]);
            }
            cell.assertUdp(socksPort, payloads);
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
        InteropCell.requireV2ray();
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        String method = "chacha20-poly1305";
        boolean vtoolServer = serverSide.equals("vtool");
        try (Side s = vtoolServer ? cell.vtool("vtool server", serverJson(serverPort, method, true), LogLevel.WARNING)
                     : cell.v2ray("ws-server-" + serverPort, serverJson(serverPort, method, true), serverPort);
             Side c = !vtoolServer ? cell.vtool("vtool client", clientJson(socksPort, serverPort, method, true), LogLevel.WARNING)
                     : cell.v2ray("ws-client-" + socksPort, clientJson(socksPort, serverPort, method, true), socksPort)) {
            byte[] upload = new byte[300_000];
            new Random(3).nextBytes(upload);
            cell.assertTcp(socksPort, upload, 1);
            cell.assertUdp(socksPort, "over ws, the datagram still goes as UDP".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
