package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VMess over tcp+tls, ws and ws+tls against the real v2ray 4.34 on loopback, both ways (vtool client ->
 * v2ray server, v2ray client -> vtool server) and vtool to vtool: each cell uploads 3 MiB and downloads
 * 5 MiB through a SOCKS inbound, and both sides' bytes are checked by SHA-256. The TLS clients verify the
 * server's certificate against the test CA by name ({@code vtool.test}), as 4.34 does by default.
 */
class VmessTransportInteropTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final int DOWN = 5 * 1024 * 1024 + 17;
    private static final byte[] UP = new byte[3 * 1024 * 1024 + 5];

    private static InteropCell cell;
    /** transport -> {vtool server port, v2ray server port} */
    private static final java.util.Map<String, int[]> ports = new java.util.HashMap<>();

    @BeforeAll
    static void servers() throws Exception {
        InteropCell.requireV2ray();
        new Random(11).nextBytes(UP);
        cell = InteropCell.open("transport-interop", DOWN);
        for (String t : new String[] {"tcp+tls", "ws", "ws+tls"}) {
            int vtoolPort = FreePort.next();
            cell.vtool("vtool server " + t, serverJson(vtoolPort, t), LogLevel.INFO);
            int v2rayPort = FreePort.next();
            cell.v2ray("v2ray-server-" + t, serverJson(v2rayPort, t), v2rayPort);
            ports.put(t, new int[] {vtoolPort, v2rayPort});
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (cell != null) {
            cell.close();
        }
    }

    static String certs() {
        return V2rayBinary.repoRoot().resolve("testdata/certs").toAbsolutePath().toString();
    }

    static String stream(String transport, boolean server) {
        boolean tls = transport.endsWith("+tls");
        String network = transport.startsWith("ws") ? "ws" : "tcp";
        String ws = network.equals("ws") ? ", \"wsSettings\": {\"path\": \"/vt\", \"headers\": {\"Host\": \"vtool.test\"}}" : "";
        String tlsSettings = !tls ? "" : server
                ? ", \"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"%1$s/server.crt\", \"keyFile\": \"%1$s/server.key\"}]}"
                        .formatted(certs())
                : ", \"tlsSettings\": {\"serverName\": \"vtool.test\", \"disableSystemRoot\": true, "
                        + "\"certificates\": [{\"certificateFile\": \"%s/server.crt\", \"usage\": \"verify\"}]}"
                        .formatted(certs());
        return "{\"network\": \"" + network + "\"" + (tls ? ", \"security\": \"tls\"" : "") + ws + tlsSettings + "}";
    }

    static String serverJson(int port, String transport) {
        return """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}, "streamSettings": %s}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, ID, stream(transport, true));
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
        for (String t : new String[] {"tcp+tls", "ws", "ws+tls"}) {
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
            cell.assertTcp(socksPort, UP, 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aClientThatDoesNotTrustTheCertificateGetsNoBytesThrough(String transport) throws Exception {
        int socksPort = FreePort.next();
        // the same client without the test CA among its roots: the system roots do not know it
        String json = clientJson(socksPort, ports.get(transport)[0], transport)
                .replace("\"disableSystemRoot\": true, ", "").replace("\"usage\": \"verify\"", "\"usage\": \"verify\"")
                .replaceAll(", \"certificates\": \\[[^]]*]", "");
        try (Side c = cell.vtool("vtool client", json, LogLevel.INFO)) {
            assertTrue(cell.tcpFailure(socksPort, new byte[10], 5_000) != null, "an untrusted server was used");
            assertTrue(c.awaitLog("PKIX", Duration.ofSeconds(5)), c::log);
        }
    }

    /** The tcp+tls configs with a CA that issues leaves on the fly on the server and trusts only it on the client. */
    private static String issuing(String json, boolean server) {
        String ca = V2rayBinary.repoRoot().resolve("schema/src/test/resources/tls").toAbsolutePath().toString();
        String tls = server
                ? "\"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"%1$s/ca.crt\", \"keyFile\": \"%1$s/ca.key\", \"usage\": \"issue\"}]}"
                : "\"tlsSettings\": {\"serverName\": \"issued.test\", \"disableSystemRoot\": true, "
                        + "\"certificates\": [{\"certificateFile\": \"%1$s/ca.crt\", \"usage\": \"verify\"}]}";
        return json.replaceFirst("\"tlsSettings\": \\{.*?}]}", java.util.regex.Matcher.quoteReplacement(tls.formatted(ca)));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"vtool->v2ray", "v2ray->vtool"})
    void aCaWithUsageIssueSignsALeafForTheRequestedName(String direction) throws Exception {
        int serverPort = FreePort.next();
        String serverJson = issuing(serverJson(serverPort, "tcp+tls"), true);
        int socksPort = FreePort.next();
        String clientJson = issuing(clientJson(socksPort, serverPort, "tcp+tls"), false);
        boolean vtoolClient = direction.startsWith("vtool");
        try (Side s = vtoolClient ? cell.v2ray("v2ray-issuing-" + serverPort, serverJson, serverPort)
                     : cell.vtool("vtool issuing server", serverJson, LogLevel.INFO);
             Side c = vtoolClient ? cell.vtool("vtool client", clientJson, LogLevel.INFO)
                     : cell.v2ray("v2ray-client-" + socksPort, clientJson, socksPort)) {
            cell.assertTcp(socksPort, UP, 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void allowInsecureSkipsTheChainAndNameChecks(String transport) throws Exception {
        int socksPort = FreePort.next();
        // neither the test CA among the roots nor the right name: only allowInsecure lets it through
        String json = clientJson(socksPort, ports.get(transport)[1], transport)
                .replaceFirst("\"tlsSettings\": \\{.*?}]}", "\"tlsSettings\": {\"serverName\": \"other.test\", \"allowInsecure\": true}");
        try (Side c = cell.vtool("vtool client", json, LogLevel.INFO)) {
            cell.assertTcp(socksPort, UP, 1);
        }
    }

    static Stream<String> transports() {
        return Stream.of("tcp+tls", "ws+tls");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aWrongServerNameIsRefusedByTheVtoolClient(String transport) throws Exception {
        int socksPort = FreePort.next();
        String json = clientJson(socksPort, ports.get(transport)[1], transport)
                .replace("\"serverName\": \"vtool.test\"", "\"serverName\": \"other.test\"");
        try (Side c = cell.vtool("vtool client", json, LogLevel.INFO)) {
            assertTrue(cell.tcpFailure(socksPort, new byte[10], 5_000) != null, "a server with another name was used");
            assertTrue(c.awaitLog("other.test", Duration.ofSeconds(5)), c::log);
            assertEquals(-1, c.log().indexOf("Exception\n\tat "), "no stack trace in the log");
        }
    }
}
