package dev.vtool.engine.trojan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.Curl;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A browser-like HTTPS request (curl) to a Trojan or VLESS server lands on its fallback, served by a real
 * nginx (Debian's nginx-light) on loopback: the default entry on a TCP port, a path entry that sends a
 * PROXY v1 or v2 header (nginx reports the client address it read from it), a unix-socket entry, and an
 * alpn entry, which vtool honours for Trojan too (4.34 never sees the ALPN there).
 */
@Tag("interop")
class NginxFallbackTest {
    private static InteropCell cell;
    private static int plainPort;
    private static int proxyProtocolPort;
    private static Path socket;

    @BeforeAll
    static void startNginx() throws Exception {
        InteropCell.require("/usr/sbin/nginx", "nginx-light");
        cell = InteropCell.open("nginx-fallback", 1);
        Path dir = cell.dir();
        plainPort = FreePort.next();
        proxyProtocolPort = FreePort.next();
        socket = dir.resolve("web.sock");
        Files.createDirectories(dir.resolve("tmp"));
        String conf = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/tmp/body;
                  proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;
                  default_type text/plain;
                  server { listen 127.0.0.1:%2$d; location / { return 200 "nginx page $request_uri\\n"; } }
                  server { listen 127.0.0.1:%3$d proxy_protocol;
                           location / { return 200 "client $proxy_protocol_addr:$proxy_protocol_port\\n"; } }
                  server { listen unix:%4$s; location / { return 200 "unix socket page\\n"; } }
                }
                """.formatted(dir, plainPort, proxyProtocolPort, socket);
        Path file = cell.write("nginx.conf", conf);
        cell.peer("nginx", "/usr/sbin/nginx", "nginx-light", List.of("-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", file.toString()), plainPort);
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (cell != null) {
            cell.close();
        }
    }

    private static String server(int port, String protocol, String alpn) {
        String fallbacks = """
                , "fallbacks": [{"dest": %d}, {"path": "/v1", "dest": "127.0.0.1:%d", "xver": 1},
                                {"path": "/v2", "dest": %d, "xver": 2}, {"path": "/unix", "dest": "%s"},
                                {"alpn": "http/1.1", "path": "/alpn", "dest": "%s"}]""".formatted(
                plainPort, proxyProtocolPort, proxyProtocolPort, socket, socket);
        String json = TrojanVlessInteropTest.serverJson(port, protocol + "+tls", fallbacks);
        return alpn == null ? json : json.replace("\"tlsSettings\": {", "\"tlsSettings\": {\"alpn\": " + alpn + ", ");
    }

    private static Curl.Result get(int port, String path) throws Exception {
        return Curl.run("--http1.1", "--cacert", TrojanVlessInteropTest.certs() + "/server.crt",
                "--resolve", "vtool.test:" + port + ":127.0.0.1", "https://vtool.test:" + port + path);
    }

    @Test
    void trojanFallbacksServeNginxByPathWithProxyHeadersAndUnixSockets() throws Exception {
        int port = FreePort.next();
        try (Side vtool = cell.vtool("vtool server", server(port, "trojan", null), LogLevel.INFO)) {
            Curl.Result page = get(port, "/index.html");
            assertEquals("nginx page /index.html\n", page.out(), () -> page.err() + vtool.log());
            Curl.Result v1 = get(port, "/v1");
            assertTrue(v1.out().matches("client 127\\.0\\.0\\.1:\\d+\\n"), () -> v1.out() + v1.err() + vtool.log());
            Curl.Result v2 = get(port, "/v2");
            assertTrue(v2.out().matches("client 127\\.0\\.0\\.1:\\d+\\n"), () -> v2.out() + v2.err() + vtool.log());
            assertEquals("unix socket page\n", get(port, "/unix").out(), vtool::log);
            // exact path match only: a longer path goes to the default
            assertEquals("nginx page /v1x\n", get(port, "/v1x").out(), vtool::log);
            // ALPN negotiated: none (the server offers only h2 by default), so the alpn entry is not chosen
            assertEquals("nginx page /alpn\n", get(port, "/alpn").out(), vtool::log);
        }
    }

    @Test
    void trojanHonoursTheNegotiatedAlpnUnlike434() throws Exception {
        int port = FreePort.next();
        try (Side vtool = cell.vtool("vtool server", server(port, "trojan", "[\"h2\", \"http/1.1\"]"), LogLevel.INFO)) {
            assertEquals("unix socket page\n", get(port, "/alpn").out(), vtool::log);
            assertEquals("nginx page /\n", get(port, "/").out(), vtool::log);
        }
    }

    @Test
    void vlessFallbacksServeNginx() throws Exception {
        int port = FreePort.next();
        try (Side vtool = cell.vtool("vtool server", server(port, "vless", "[\"h2\", \"http/1.1\"]"), LogLevel.INFO)) {
            assertEquals("nginx page /\n", get(port, "/").out(), vtool::log);
            assertTrue(get(port, "/v2").out().startsWith("client 127.0.0.1:"), vtool::log);
            assertEquals("unix socket page\n", get(port, "/alpn").out(), vtool::log);
        }
    }
}
