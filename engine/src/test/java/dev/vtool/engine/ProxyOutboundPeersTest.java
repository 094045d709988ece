package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import dev.vtool.testkit.V2rayProcesses;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The socks and http outbounds against third-party servers and over other transports: user/password SOCKS5
 * through microsocks, HTTP CONNECT with Basic auth through tinyproxy (right and wrong credentials, with
 * V2Ray's words for the refusal), and both through v2ray 4.34's socks/http inbounds over tls and ws+tls.
 * Bytes are checked by SHA-256 at both ends (the SOCKS5 UDP ASSOCIATE of the socks outbound against v2ray is
 * in {@code V2rayInteropTest}; neither microsocks nor tinyproxy has UDP).
 */
@Tag("interop")
class ProxyOutboundPeersTest {
    private static final byte[] UP = new byte[1024 * 1024 + 3];
    private static final Duration LOG_WAIT = Duration.ofSeconds(5);
    private static InteropCell cell;

    @BeforeAll
    static void open() throws Exception {
        new Random(3).nextBytes(UP);
        cell = InteropCell.open("proxy-outbound-peers", 2 * 1024 * 1024 + 1);
    }

    @AfterAll
    static void close() throws Exception {
        if (cell != null) {
            cell.close();
        }
    }

    /** A vtool with a socks inbound whose only outbound is {@code outbound}. */
    private static Side client(int socksPort, String outbound) throws Exception {
        return cell.vtool("vtool client", """
                {"log": {"loglevel": "info"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [%s]}
                """.formatted(socksPort, outbound), LogLevel.INFO);
    }

    @Test
    void socksOutboundWithPasswordThroughMicrosocks() throws Exception {
        int port = FreePort.next();
        try (Side microsocks = cell.peer("microsocks", "/usr/bin/microsocks", "microsocks", List.of("-i", "127.0.0.1",
                "-p", Integer.toString(port), "-u", "alice", "-P", "s3cret"), port)) {
            int socks = FreePort.next();
            try (Side c = client(socks, """
                    {"protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "alice", "pass": "s3cret"}]}]}}""".formatted(port))) {
                cell.assertTcp(socks, UP, 1);
            }
            int wrong = FreePort.next();
            try (Side c = client(wrong, """
                    {"protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "alice", "pass": "wrong"}]}]}}""".formatted(port))) {
                assertNotNull(cell.tcpFailure(wrong, UP));
                assertTrue(c.awaitLog("server rejects account", LOG_WAIT), c::log);
            }
        }
    }

    @Test
    void httpOutboundConnectWithBasicAuthThroughTinyproxy() throws Exception {
        InteropCell.require("/usr/bin/tinyproxy", "tinyproxy");
        int port = FreePort.next();
        String conf = cell.write("tinyproxy.conf", """
                Port %d
                Listen 127.0.0.1
                Timeout 60
                BasicAuth carol s3cret
                Allow 127.0.0.1
                LogLevel Info
                MaxClients 20
                """.formatted(port)).toString();
        try (Side tinyproxy = cell.peer("tinyproxy", "/usr/bin/tinyproxy", "tinyproxy", List.of("-d", "-c", conf), port)) {
            int socks = FreePort.next();
            try (Side c = client(socks, """
                    {"protocol": "http", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "carol", "pass": "s3cret"}]}]}}""".formatted(port))) {
                cell.assertTcp(socks, UP, 1);
            }
            int wrong = FreePort.next();
            try (Side c = client(wrong, """
                    {"protocol": "http", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "carol", "pass": "wrong"}]}]}}""".formatted(port))) {
                assertNotNull(cell.tcpFailure(wrong, UP));
                // tinyproxy answers 401 (not 407); the refusal reads as V2Ray 4.34 words it
                assertTrue(c.awaitLog("proxy/http: Proxy responded with non 200 code: 401", LOG_WAIT), c::log);
            }
        }
    }

    private static String stream(String transport, boolean server) {
        String certs = V2rayBinary.repoRoot().resolve("testdata/certs").toAbsolutePath().toString();
        String ws = transport.startsWith("ws") ? ", \"wsSettings\": {\"path\": \"/p\"}" : "";
        String tls = server
                ? "\"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"%1$s/server.crt\", \"keyFile\": \"%1$s/server.key\"}]}"
                        .formatted(certs)
                : "\"tlsSettings\": {\"serverName\": \"vtool.test\", \"disableSystemRoot\": true, "
                        + "\"certificates\": [{\"certificateFile\": \"%s/server.crt\", \"usage\": \"verify\"}]}".formatted(certs);
        return "{\"network\": \"" + (ws.isEmpty() ? "tcp" : "ws") + "\", \"security\": \"tls\", " + tls + ws + "}";
    }

    @Test
    void socksAndHttpOutboundsOverTlsAndWsToV2ray() throws Exception {
        InteropCell.requireV2ray();
        int socksServer = FreePort.next();
        int httpServer = FreePort.next();
        String server = """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                               "settings": {"auth": "password", "accounts": [{"user": "alice", "pass": "s3cret"}]}, "streamSettings": %s},
                              {"listen": "127.0.0.1", "port": %d, "protocol": "http",
                               "settings": {"accounts": [{"user": "carol", "pass": "s3cret"}]}, "streamSettings": %s}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(socksServer, stream("tls", true), httpServer, stream("ws+tls", true));
        try (Side v2ray = cell.v2ray("v2ray-proxies", server, socksServer)) {
            V2rayProcesses.awaitListening(httpServer); // the second inbound of the same process
            int a = FreePort.next();
            try (Side c = client(a, """
                    {"protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "alice", "pass": "s3cret"}]}]}, "streamSettings": %s}""".formatted(socksServer, stream("tls", false)))) {
                cell.assertTcp(a, UP, 1);
            }
            int b = FreePort.next();
            try (Side c = client(b, """
                    {"protocol": "http", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "carol", "pass": "s3cret"}]}]}, "streamSettings": %s}""".formatted(httpServer, stream("ws+tls", false)))) {
                cell.assertTcp(b, UP, 1);
            }
        }
    }
}
