package dev.vtool.engine.vmess.interop;

import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interop matrix cells of the HTTP/2, mKCP and QUIC transports: VMess over each against the real v2ray 4.34
 * on loopback, vtool client -> v2ray server, v2ray client -> vtool server and vtool to vtool. Each cell
 * uploads 3 MiB and downloads 5 MiB through a SOCKS inbound, twice (the second rides an h2 connection the
 * first opened), and both sides' bytes are checked by SHA-256.
 */
@ExtendWith(LeakCheck.class)
class VmessH2KcpInteropTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final int DOWN = 5 * 1024 * 1024 + 17;
    private static final byte[] UP = new byte[3 * 1024 * 1024 + 5];
    static final List<String> TRANSPORTS = List.of("h2+tls", "mkcp", "mkcp+seed+wechat", "mkcp+srtp+tls", "quic",
            "quic+chacha+srtp", "quic+tls");

    private static InteropCell cell;
    /** transport -> {vtool server port, v2ray server port} */
    private static final Map<String, int[]> ports = new HashMap<>();

    @BeforeAll
    static void servers() throws Exception {
        InteropCell.requireV2ray();
        new Random(12).nextBytes(UP);
        cell = InteropCell.open("h2kcp-interop", DOWN);
        for (String t : TRANSPORTS) {
            boolean udp = t.startsWith("mkcp") || t.startsWith("quic");
            int vtoolPort = udp ? FreePort.nextUdp() : FreePort.next();
            cell.vtool("vtool server " + t, serverJson(vtoolPort, t), LogLevel.INFO);
            int v2rayPort = udp ? FreePort.nextUdp() : FreePort.next();
            // an mKCP inbound has no TCP port to wait for: a TCP inbound beside it says v2ray is up
            int ready = udp ? FreePort.next() : v2rayPort;
            cell.v2ray("v2ray-server-" + t, serverJson(v2rayPort, t, ready), ready);
            ports.put(t, new int[] {vtoolPort, v2rayPort});
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (cell != null) {
            cell.close();
        }
    }

    static String stream(String transport, boolean server) {
        String certs = VmessTransportInteropTest.certs();
        String tls = !transport.endsWith("+tls") ? "" : server
                ? ", \"security\": \"tls\", \"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"%1$s/server.crt\", \"keyFile\": \"%1$s/server.key\"}]}"
                        .formatted(certs)
                : ", \"security\": \"tls\", \"tlsSettings\": {\"serverName\": \"vtool.test\", \"disableSystemRoot\": true, "
                        + "\"certificates\": [{\"certificateFile\": \"%s/server.crt\", \"usage\": \"verify\"}]}"
                        .formatted(certs);
        String network;
        if (transport.startsWith("h2")) {
            network = "\"network\": \"h2\", \"httpSettings\": {\"host\": [\"a.vtool.test\", \"b.vtool.test\"], \"path\": \"/h2path\"}";
        } else if (transport.startsWith("quic")) {
            // no quicSettings at all is 4.34's AES-128-GCM with the empty key; the object without security is none
            network = transport.equals("quic") ? "\"network\": \"quic\""
                    : transport.contains("chacha")
                    ? "\"network\": \"quic\", \"quicSettings\": {\"security\": \"chacha20-poly1305\", \"key\": \"k\", \"header\": {\"type\": \"srtp\"}}"
                    : "\"network\": \"quic\", \"quicSettings\": {}";
        } else {
            boolean seed = transport.contains("seed");
            String header = transport.contains("wechat") ? "wechat-video" : transport.contains("srtp") ? "srtp" : "none";
            network = "\"network\": \"mkcp\", \"kcpSettings\": {\"uplinkCapacity\": 20, \"downlinkCapacity\": 20, "
                    + "\"header\": {\"type\": \"" + header + "\"}" + (seed ? ", \"seed\": \"vtool-seed\"" : "") + "}";
        }
        return "{" + network + tls + "}";
    }

    static String serverJson(int port, String transport) {
        return serverJson(port, transport, port);
    }

    static String serverJson(int port, String transport, int readyPort) {
        String ready = readyPort == port ? "" : """
                , {"listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                   "settings": {"address": "127.0.0.1", "port": 9, "network": "tcp"}}""".formatted(readyPort);
        return """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}, "streamSettings": %s}%s],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, ID, stream(transport, true), ready);
    }

    static String clientJson(int socksPort, int serverPort, String transport) {
        return """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]}, "streamSettings": %s}]}
                """.formatted(socksPort, serverPort, ID, stream(transport, false));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String t : TRANSPORTS) {
            for (String direction : new String[] {"vtool->v2ray", "v2ray->vtool", "vtool->vtool"}) {
                out.add(Arguments.of(t, direction));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void bytesTravelIntactBothWays(String transport, String direction) throws Exception {
        boolean vtoolClient = direction.startsWith("vtool");
        int serverPort = ports.get(transport)[direction.endsWith("v2ray") ? 1 : 0];
        int socksPort = FreePort.next();
        String json = clientJson(socksPort, serverPort, transport);
        try (Side c = vtoolClient ? cell.vtool("vtool client", json, LogLevel.INFO)
                : cell.v2ray("v2ray-client-" + socksPort, json, socksPort)) {
            cell.assertTcp(socksPort, UP, 2, 60_000);
        }
    }
}
