package dev.vtool.engine.trojan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.testkit.Socks5Udp;
import dev.vtool.engine.testkit.TwoWayOrigin;
import dev.vtool.engine.testkit.UdpEcho;
import dev.vtool.engine.testkit.V2rayProcess;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trojan (over tls, ws and h2) and VLESS (over tcp, tls, ws and h2), and both with Mux.cool over tls, against
 * the real v2ray 4.34 on loopback, both ways and vtool to vtool: each cell uploads 3 MiB and downloads 5 MiB
 * through a SOCKS inbound (both sides' bytes checked by SHA-256) and sends UDP datagrams to an echo server and
 * checks the answers. A mux cell's client has {@code mux} on; its vtool side must show in its log that the
 * traffic went through Mux.cool (VLESS carries it as command 3, Trojan as a stream to v1.mux.cool, as in 4.34).
 */
@Tag("interop")
class TrojanVlessInteropTest {
    static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    static final String PASSWORD = "vtool-trojan";
    private static final int DOWN = 5 * 1024 * 1024 + 17;
    private static final byte[] UP = new byte[3 * 1024 * 1024 + 5];
    /** protocol+transport, and +mux for a client with mux on (it uses the server of its protocol+transport) */
    private static final List<String> CELLS = List.of("trojan+tls", "trojan+ws", "trojan+h2", "vless+tcp", "vless+tls",
            "vless+ws", "vless+h2", "vless+tls+mux", "trojan+tls+mux");

    private static Path dir;
    private static TwoWayOrigin origin;
    private static UdpEcho echo;
    private static final List<AutoCloseable> servers = new ArrayList<>();
    /** cell -> {vtool server port, v2ray server port} */
    private static final Map<String, int[]> ports = new HashMap<>();
    private static final Map<String, EngineHarness> vtoolServers = new HashMap<>();

    @BeforeAll
    static void servers() throws Exception {
        V2rayBinary.require();
        new Random(11).nextBytes(UP);
        dir = Files.createTempDirectory("trojan-vless-interop");
        origin = new TwoWayOrigin(DOWN);
        echo = new UdpEcho();
        for (String cell : CELLS) {
            if (muxed(cell)) {
                continue;
            }
            int vtoolPort = FreePort.next();
            EngineHarness vtoolServer = new EngineHarness(serverJson(vtoolPort, cell, ""), LogLevel.INFO);
            servers.add(vtoolServer);
            vtoolServers.put(cell, vtoolServer);
            int v2rayPort = FreePort.next();
            servers.add(V2rayProcess.start(dir, "v2ray-server-" + cell.replace('+', '-'), serverJson(v2rayPort, cell, ""), v2rayPort));
            ports.put(cell, new int[] {vtoolPort, v2rayPort});
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
        servers.clear();
        vtoolServers.clear();
        if (origin != null) {
            origin.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    static String certs() {
        return V2rayBinary.repoRoot().resolve("testdata/certs").toAbsolutePath().toString();
    }

    static boolean muxed(String cell) {
        return cell.endsWith("+mux");
    }

    /** The cell whose server a cell uses: itself, or without its {@code +mux}. */
    static String serverCell(String cell) {
        return muxed(cell) ? cell.substring(0, cell.length() - "+mux".length()) : cell;
    }

    /** streamSettings of a cell such as {@code vless+ws}; h2 always rides tls. */
    static String stream(String cell, boolean server) {
        String transport = serverCell(cell).substring(cell.indexOf('+') + 1);
        boolean tls = transport.equals("tls") || transport.equals("h2");
        String network = transport.equals("ws") || transport.equals("h2") ? transport : "tcp";
        String ws = network.equals("ws") ? ", \"wsSettings\": {\"path\": \"/vl\"}"
                : network.equals("h2") ? ", \"httpSettings\": {\"host\": [\"vtool.test\"], \"path\": \"/vl\"}" : "";
        String tlsSettings = !tls ? "" : server
                ? ", \"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"%1$s/server.crt\", \"keyFile\": \"%1$s/server.key\"}]}"
                        .formatted(certs())
                : ", \"tlsSettings\": {\"serverName\": \"vtool.test\", \"disableSystemRoot\": true, "
                        + "\"certificates\": [{\"certificateFile\": \"%s/server.crt\", \"usage\": \"verify\"}]}"
                        .formatted(certs());
        return "{\"network\": \"" + network + "\"" + (tls ? ", \"security\": \"tls\"" : "") + ws + tlsSettings + "}";
    }

    /** @param fallbacks a {@code , "fallbacks": [...]} member or "" */
    static String serverJson(int port, String cell, String fallbacks) {
        String settings = cell.startsWith("trojan")
                ? "{\"clients\": [{\"password\": \"" + PASSWORD + "\", \"email\": \"t@vtool\"}]" + fallbacks + "}"
                : "{\"clients\": [{\"id\": \"" + ID + "\", \"email\": \"v@vtool\"}], \"decryption\": \"none\"" + fallbacks + "}";
        return """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "%s", "settings": %s, "streamSettings": %s}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, cell.substring(0, cell.indexOf('+')), settings, stream(cell, true));
    }

    static String clientJson(int socksPort, int serverPort, String cell) {
        String settings = cell.startsWith("trojan")
                ? "{\"servers\": [{\"address\": \"127.0.0.1\", \"port\": " + serverPort + ", \"password\": \"" + PASSWORD + "\"}]}"
                : "{\"vnext\": [{\"address\": \"127.0.0.1\", \"port\": " + serverPort + ", \"users\": [{\"id\": \"" + ID
                        + "\", \"encryption\": \"none\"}]}]}";
        return """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                   "settings": {"auth": "noauth", "udp": true, "ip": "127.0.0.1"}}],
                 "outbounds": [{"protocol": "%s", "settings": %s, "streamSettings": %s%s}]}
                """.formatted(socksPort, cell.substring(0, cell.indexOf('+')), settings, stream(cell, false),
                muxed(cell) ? ", \"mux\": {\"enabled\": true, \"concurrency\": 2}" : "");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String cell : CELLS) {
            for (String direction : new String[] {"vtool->v2ray", "v2ray->vtool", "vtool->vtool"}) {
                out.add(Arguments.of(cell, direction));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void tcpAndUdpBytesTravelIntactBothWays(String cell, String direction) throws Exception {
        boolean vtoolClient = direction.startsWith("vtool");
        int serverPort = ports.get(serverCell(cell))[direction.endsWith("v2ray") ? 1 : 0];
        int socksPort = FreePort.next();
        String json = clientJson(socksPort, serverPort, cell);
        try (AutoCloseable c = vtoolClient ? new EngineHarness(json, LogLevel.INFO)
                : V2rayProcess.start(dir, "v2ray-client-" + socksPort, json, socksPort)) {
            for (int i = 0; i < 2; i++) {
                String failure;
                try {
                    failure = origin.exchange(socksPort, UP, 30_000);
                } catch (java.io.IOException e) {
                    failure = e.toString();
                }
                assertNull(failure, () -> cell + " " + direction + ": " + logs(c));
            }
            try (Socks5Udp udp = new Socks5Udp(socksPort)) {
                for (int i = 0; i < 3; i++) {
                    byte[] payload = (cell + " datagram " + i).getBytes(StandardCharsets.US_ASCII);
                    assertArrayEquals(payload, udp.exchange(echo.port(), payload), () -> cell + " " + direction + " UDP: " + logs(c));
                }
            }
            if (muxed(cell) && c instanceof EngineHarness h) {
                assertTrue(h.log().contains("dispatching request to tcp:127.0.0.1:" + origin.port()), () -> logs(c));
            }
        }
        if (muxed(cell) && direction.endsWith("vtool")) {
            EngineHarness server = vtoolServers.get(serverCell(cell));
            assertTrue(server.log().contains("received request for tcp:v1.mux.cool:"
                    + (cell.startsWith("vless") ? "0" : "9527")), server::log);
        }
    }

    static String logs(AutoCloseable client) {
        StringBuilder b = new StringBuilder();
        if (client instanceof EngineHarness h) {
            b.append("\nvtool client:\n").append(h.log());
        }
        for (AutoCloseable s : servers) {
            if (s instanceof EngineHarness h) {
                b.append("\nvtool server:\n").append(h.log());
            }
        }
        return b.toString();
    }
}
