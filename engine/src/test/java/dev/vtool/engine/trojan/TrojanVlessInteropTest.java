package dev.vtool.engine.trojan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.nio.charset.StandardCharsets;
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

    private static InteropCell cell;
    /** cell -> {vtool server port, v2ray server port} */
    private static final Map<String, int[]> ports = new HashMap<>();
    private static final Map<String, Side> vtoolServers = new HashMap<>();

    @BeforeAll
    static void servers() throws Exception {
        InteropCell.requireV2ray();
        new Random(11).nextBytes(UP);
        cell = InteropCell.open("trojan-vless-interop", DOWN);
        for (String c : CELLS) {
            if (muxed(c)) {
                continue;
            }
            int vtoolPort = FreePort.next();
            vtoolServers.put(c, cell.vtool("vtool server " + c, serverJson(vtoolPort, c, ""), LogLevel.INFO));
            int v2rayPort = FreePort.next();
            cell.v2ray("v2ray-server-" + c.replace('+', '-'), serverJson(v2rayPort, c, ""), v2rayPort);
            ports.put(c, new int[] {vtoolPort, v2rayPort});
        }
    }

    @AfterAll
    static void stop() throws Exception {
        vtoolServers.clear();
        if (cell != null) {
            cell.close();
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
    void tcpAndUdpBytesTravelIntactBothWays(String cellName, String direction) throws Exception {
        boolean vtoolClient = direction.startsWith("vtool");
        int serverPort = ports.get(serverCell(cellName))[direction.endsWith("v2ray") ? 1 : 0];
        int socksPort = FreePort.next();
        String json = clientJson(socksPort, serverPort, cellName);
        try (Side c = vtoolClient ? cell.vtool("vtool client", json, LogLevel.INFO)
                : cell.v2ray("v2ray-client-" + socksPort, json, socksPort)) {
            cell.assertTcp(socksPort, UP, 2);
            byte[][] datagrams = new byte[3][];
            for (int i = 0; i < 3; i++) {
                datagrams[i] = (cellName + " datagram " + i).getBytes(StandardCharsets.US_ASCII);
            }
            cell.assertUdp(socksPort, datagrams);
            if (muxed(cellName) && c.isVtool()) {
                assertTrue(c.log().contains("dispatching request to tcp:127.0.0.1:" + cell.originPort()), cell::logs);
            }
        }
        if (muxed(cellName) && direction.endsWith("vtool")) {
            Side server = vtoolServers.get(serverCell(cellName));
            assertTrue(server.log().contains("received request for tcp:v1.mux.cool:"
                    + (cellName.startsWith("vless") ? "0" : "9527")), server::log);
        }
    }
}
