package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.testkit.PeerProcess;
import dev.vtool.engine.testkit.TwoWayOrigin;
import dev.vtool.engine.testkit.V2rayProcess;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static Path dir;
    private static TwoWayOrigin origin;

    @BeforeAll
    static void origin() throws Exception {
        new Random(3).nextBytes(UP);
        dir = Files.createTempDirectory("proxy-outbound-peers");
        origin = new TwoWayOrigin(2 * 1024 * 1024 + 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (origin != null) {
            origin.close();
        }
    }

    /** A vtool with a socks inbound whose only outbound is {@code outbound}. */
    private static EngineHarness client(int socksPort, String outbound) throws Exception {
        return new EngineHarness("""
                {"log": {"loglevel": "info"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [%s]}
                """.formatted(socksPort, outbound), LogLevel.INFO);
    }

    private static String exchange(int socksPort) {
        try {
            return origin.exchange(socksPort, UP, 20_000);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static boolean awaitLog(EngineHarness h, String text) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!h.log().contains(text) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return h.log().contains(text);
    }

    @Test
    void socksOutboundWithPasswordThroughMicrosocks() throws Exception {
        PeerProcess.require("/usr/bin/microsocks", "microsocks");
        int port = FreePort.next();
        try (PeerProcess microsocks = PeerProcess.start(dir, "microsocks", List.of("/usr/bin/microsocks", "-i", "127.0.0.1",
                "-p", Integer.toString(port), "-u", "alice", "-P", "s3cret"), port)) {
            int socks = FreePort.next();
            try (EngineHarness c = client(socks, """
                    {"protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "alice", "pass": "s3cret"}]}]}}""".formatted(port))) {
                assertNull(exchange(socks), c::log);
            }
            int wrong = FreePort.next();
            try (EngineHarness c = client(wrong, """
                    {"protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "alice", "pass": "wrong"}]}]}}""".formatted(port))) {
                assertNotNull(exchange(wrong));
                assertTrue(awaitLog(c, "server rejects account"), c::log);
            }
        }
    }

    @Test
    void httpOutboundConnectWithBasicAuthThroughTinyproxy() throws Exception {
        PeerProcess.require("/usr/bin/tinyproxy", "tinyproxy");
        int port = FreePort.next();
        Path conf = dir.resolve("tinyproxy.conf");
        Files.writeString(conf, """
                Port %d
                Listen 127.0.0.1
                Timeout 60
                BasicAuth carol s3cret
                Allow 127.0.0.1
                LogLevel Info
                MaxClients 20
                """.formatted(port));
        try (PeerProcess tinyproxy = PeerProcess.start(dir, "tinyproxy", List.of("/usr/bin/tinyproxy", "-d", "-c", conf.toString()), port)) {
            int socks = FreePort.next();
            try (EngineHarness c = client(socks, """
                    {"protocol": "http", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "carol", "pass": "s3cret"}]}]}}""".formatted(port))) {
                assertNull(exchange(socks), () -> c.log() + output(tinyproxy));
            }
            int wrong = FreePort.next();
            try (EngineHarness c = client(wrong, """
                    {"protocol": "http", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "carol", "pass": "wrong"}]}]}}""".formatted(port))) {
                assertNotNull(exchange(wrong));
                // tinyproxy answers 401 (not 407); the refusal reads as V2Ray 4.34 words it
                assertTrue(awaitLog(c, "proxy/http: Proxy responded with non 200 code: 401"), c::log);
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
        V2rayBinary.require();
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
        try (V2rayProcess v2ray = V2rayProcess.start(dir, "v2ray-proxies", server, socksServer)) {
            V2rayProcessesWait.port(httpServer);
            int a = FreePort.next();
            try (EngineHarness c = client(a, """
                    {"protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "alice", "pass": "s3cret"}]}]}, "streamSettings": %s}""".formatted(socksServer, stream("tls", false)))) {
                assertNull(exchange(a), c::log);
            }
            int b = FreePort.next();
            try (EngineHarness c = client(b, """
                    {"protocol": "http", "settings": {"servers": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"user": "carol", "pass": "s3cret"}]}]}, "streamSettings": %s}""".formatted(httpServer, stream("ws+tls", false)))) {
                assertNull(exchange(b), c::log);
            }
        }
    }

    private static String output(PeerProcess p) {
        try {
            return p.output();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** Waits for a second port of an already started process. */
    private static final class V2rayProcessesWait {
        static void port(int port) throws InterruptedException {
            dev.vtool.testkit.V2rayProcesses.awaitListening(port);
        }
    }
}
