package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interop matrix's "mux on" column: VMess with Mux.cool (concurrency 2) over every stream transport
 * (tcp, tcp+tls, ws, ws+tls, h2+tls, mKCP, QUIC, domainsocket) against the real v2ray 4.34 on loopback,
 * vtool client -> v2ray server and v2ray client -> vtool server. The "mux off" column is the transports'
 * own interop tests. Lean: one server of each kind per transport, shared by both directions; each cell
 * runs three TCP exchanges at once (64 KiB up, 192 KiB down, SHA-256 both ways) and two UDP datagrams
 * through the same mux client, and the server's log must show the Mux.cool carrier (v1.mux.cool).
 */
@ExtendWith(LeakCheck.class)
class VmessMuxTransportsInteropTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final List<String> TRANSPORTS = List.of("tcp", "tcp+tls", "ws", "ws+tls", "h2+tls", "mkcp", "quic",
            "domainsocket");
    private static final byte[] UP = new byte[64 * 1024 + 3];

    private static InteropCell cell;
    /** transport -> the vtool server and the v2ray server */
    private static final Map<String, Side[]> byTransport = new HashMap<>();
    /** transport -> {vtool server port, v2ray server port} (ignored by domainsocket, which uses paths) */
    private static final Map<String, int[]> ports = new HashMap<>();

    @BeforeAll
    static void servers() throws Exception {
        InteropCell.requireV2ray();
        new Random(21).nextBytes(UP);
        cell = InteropCell.open("mux-transports", 192 * 1024 + 7);
        for (String t : TRANSPORTS) {
            boolean udp = t.equals("mkcp") || t.equals("quic");
            int vtoolPort = udp ? FreePort.nextUdp() : FreePort.next();
            int v2rayPort = udp ? FreePort.nextUdp() : FreePort.next();
            Side vtool = cell.vtool("vtool server " + t, serverJson(vtoolPort, t, "vtool", 0), LogLevel.INFO);
            // a TCP inbound beside the server's own says when v2ray is up (mKCP, QUIC and ds have no TCP port)
            int ready = FreePort.next();
            Side v2ray = cell.v2ray("v2ray-server-" + t.replace('+', '-'), serverJson(v2rayPort, t, "v2ray", ready), ready);
            byTransport.put(t, new Side[] {vtool, v2ray});
            ports.put(t, new int[] {vtoolPort, v2rayPort});
        }
    }

    @AfterAll
    static void stop() throws Exception {
        byTransport.clear();
        if (cell != null) {
            cell.close();
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String t : TRANSPORTS) {
            out.add(Arguments.of(t, "vtool->v2ray"));
            out.add(Arguments.of(t, "v2ray->vtool"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "mux over {0}: {1}")
    @MethodSource("matrix")
    void tcpAndUdpTravelThroughMux(String transport, String direction) throws Exception {
        boolean vtoolClient = direction.startsWith("vtool");
        String serverKind = vtoolClient ? "v2ray" : "vtool";
        Side server = byTransport.get(transport)[vtoolClient ? 1 : 0];
        int serverPort = ports.get(transport)[vtoolClient ? 1 : 0];
        int socksPort = FreePort.next();
        String json = clientJson(socksPort, serverPort, transport, serverKind);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (Side c = vtoolClient ? cell.vtool("vtool client", json, LogLevel.INFO)
                : cell.v2ray("v2ray-client-" + socksPort, json, socksPort)) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> cell.tcpFailure(socksPort, UP)));
            }
            for (Future<String> f : runs) {
                String failure = f.get(60, TimeUnit.SECONDS);
                assertNull(failure, () -> transport + " " + direction + ": " + failure + cell.logs());
            }
            Random r = new Random(transport.hashCode());
            byte[][] payloads = {new byte[7], new byte[1400]};
            for (byte[] p : payloads) {
                r.nextBytes(p);
            }
            cell.assertUdp(socksPort, payloads);
            assertTrue(server.log().contains("v1.mux.cool"), () -> transport + " " + direction
                    + ": the server saw no Mux.cool carrier" + cell.logs());
        } finally {
            pool.shutdownNow();
        }
    }

    /** streamSettings of one side; {@code kind} names the server (each has its own socket path). */
    static String stream(String transport, boolean server, String kind) {
        String certs = V2rayBinary.repoRoot().resolve("testdata/certs").toAbsolutePath().toString();
        String tls = !transport.endsWith("+tls") ? "" : server
                ? ", \"security\": \"tls\", \"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"%1$s/server.crt\", \"keyFile\": \"%1$s/server.key\"}]}"
                        .formatted(certs)
                : ", \"security\": \"tls\", \"tlsSettings\": {\"serverName\": \"vtool.test\", \"disableSystemRoot\": true, "
                        + "\"certificates\": [{\"certificateFile\": \"%s/server.crt\", \"usage\": \"verify\"}]}"
                        .formatted(certs);
        String network = switch (transport.replace("+tls", "")) {
            case "tcp" -> "\"network\": \"tcp\"";
            case "ws" -> "\"network\": \"ws\", \"wsSettings\": {\"path\": \"/mux\", \"headers\": {\"Host\": \"vtool.test\"}}";
            case "h2" -> "\"network\": \"h2\", \"httpSettings\": {\"host\": [\"vtool.test\"], \"path\": \"/mux\"}";
            case "mkcp" -> "\"network\": \"mkcp\", \"kcpSettings\": {\"uplinkCapacity\": 20, \"downlinkCapacity\": 20}";
            case "quic" -> "\"network\": \"quic\"";
            case "domainsocket" -> "\"network\": \"domainsocket\", \"dsSettings\": {\"path\": \""
                    + cell.dir().resolve(kind + ".sock") + "\"}";
            default -> throw new IllegalArgumentException(transport);
        };
        return "{" + network + tls + "}";
    }

    static String serverJson(int port, String transport, String kind, int readyPort) {
        String ready = readyPort == 0 ? "" : """
                , {"listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                   "settings": {"address": "127.0.0.1", "port": 9, "network": "tcp"}}""".formatted(readyPort);
        return """
                {"log": {"loglevel": "info"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}, "streamSettings": %s}%s],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, ID, stream(transport, true, kind), ready);
    }

    static String clientJson(int socksPort, int serverPort, String transport, String serverKind) {
        return """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                   "settings": {"auth": "noauth", "udp": true, "ip": "127.0.0.1"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]}, "streamSettings": %s,
                   "mux": {"enabled": true, "concurrency": 2}}]}
                """.formatted(socksPort, serverPort, ID, stream(transport, false, serverKind));
    }
}
