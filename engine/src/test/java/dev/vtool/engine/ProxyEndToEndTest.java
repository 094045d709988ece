package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real clients (curl) through an in-process engine to a loopback HTTP origin: socks5, socks4a, http
 * forward and CONNECT, routing to blackhole by domain and by IP, sniffing overriding an IP destination.
 */
class ProxyEndToEndTest {
    static {
        LeakWatch.install();
    }

    private static TestOrigin origin;
    private static EngineHarness vtool;
    private static int socks;
    private static int http;
    private static int sniffSocks;
    private static int authSocks;
    private static int authHttp;

    @BeforeAll
    static void start() throws Exception {
        origin = new TestOrigin();
        socks = FreePort.next();
        http = FreePort.next();
        sniffSocks = FreePort.next();
        authSocks = FreePort.next();
        authHttp = FreePort.next();
        vtool = new EngineHarness("""
                {
                  // commented JSON, keys in any case, as V2Ray reads them
                  "log": {"loglevel": "debug"},
                  "inbounds": [
                    {"tag": "socks-in", "listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                    {"tag": "http-in", "listen": "127.0.0.1", "port": %d, "protocol": "http"},
                    {"tag": "sniff-in", "listen": "127.0.0.1", "port": %d, "protocol": "socks",
                     "sniffing": {"enabled": true, "destOverride": ["http", "tls"]}},
                    {"tag": "auth-socks", "listen": "127.0.0.1", "port": %d, "Protocol": "socks",
                     "settings": {"auth": "password", "accounts": [{"user": "u", "pass": "p"}]}},
                    {"tag": "auth-http", "listen": "127.0.0.1", "port": %d, "protocol": "http",
                     "settings": {"accounts": [{"user": "u", "pass": "p"}]}}
                  ],
                  "outbounds": [
                    {"tag": "direct", "protocol": "freedom"},
                    {"tag": "block", "protocol": "blackhole", "settings": {"response": {"type": "http"}}},
                    {"tag": "drop", "protocol": "blackhole"}
                  ],
                  "routing": {"rules": [
                    {"type": "field", "domain": ["domain:blocked.test", "full:sniffed.test"], "outboundTag": "block"},
                    {"type": "field", "ip": ["127.0.0.2/32"], "outboundTag": "block"},
                    {"type": "field", "domain": ["keyword:sni-drop"], "outboundTag": "drop"}
                  ]}
                }
                """.formatted(socks, http, sniffSocks, authSocks, authHttp));
    }

    @AfterAll
    static void stop() throws Exception {
        vtool.close();
        origin.close();
        List<String> leaks = LeakWatch.collect();
        assertTrue(leaks.isEmpty(), "Netty buffers leaked: " + leaks);
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + origin.httpPort() + path;
    }

    @Test
    void socks5WithRemoteHostnameReachesOrigin() throws Exception {
        Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + socks, url("localhost", "/hello"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("hello from origin, host=localhost:"), r.out());
        assertTrue(vtool.awaitLog("accepted tcp:localhost:" + origin.httpPort() + " [direct]",
                java.time.Duration.ofSeconds(2)), vtool.log());
        assertTrue(vtool.log().contains("] v2ray.com/core/app/dispatcher: default route for tcp:localhost:"), vtool.log());
    }

    @Test
    void socks4aReachesOrigin() throws Exception {
        Curl.Result r = Curl.run("--socks4a", "127.0.0.1:" + socks, url("localhost", "/hello"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("hello from origin"), r.out());
    }

    @Test
    void socks4WithIpReachesOrigin() throws Exception {
        Curl.Result r = Curl.run("--socks4", "127.0.0.1:" + socks, url("127.0.0.1", "/hello"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("hello from origin"), r.out());
    }

    @Test
    void postBodyTravelsBothWays() throws Exception {
        String body = "x".repeat(300_000);
        java.nio.file.Path f = java.nio.file.Files.createTempFile("vtool-body", ".txt");
        try {
            java.nio.file.Files.writeString(f, body);
            Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + socks, "--data-binary", "@" + f,
                    url("localhost", "/echo"));
            assertEquals(0, r.exit(), r.err());
            assertEquals(body, r.out());
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    @Test
    void largeDownloadArrivesComplete() throws Exception {
        int size = 32 * 1024 * 1024;
        Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + socks, "-o", "/dev/null", "-w",
                "%{size_download}", url("localhost", "/big?" + size));
        assertEquals(0, r.exit(), r.err());
        assertEquals(String.valueOf(size), r.out());
    }

    @Test
    void httpProxyForwardsAbsoluteUriAndKeepsConnectionAlive() throws Exception {
        Curl.Result r = Curl.run("-x", "http://127.0.0.1:" + http, url("localhost", "/hello?a=1"),
                url("localhost", "/hello?b=2"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("path=/hello?a=1") && r.out().contains("path=/hello?b=2"), r.out());
        // both requests came over one client connection: same source in both access lines
        assertTrue(vtool.awaitLog("tcp:localhost:" + origin.httpPort() + " [direct]", java.time.Duration.ofSeconds(2)));
        List<String> froms = vtool.logLines().stream()
                .filter(l -> l.contains(" accepted tcp:localhost:" + origin.httpPort()) && !l.contains(" tcp:127"))
                .map(l -> l.split(" ")[2]).toList();
        assertTrue(froms.size() >= 2, vtool.log());
        assertTrue(froms.stream().anyMatch(f -> froms.stream().filter(f::equals).count() >= 2),
                "expected two requests on one connection, got " + froms);
    }

    @Test
    void httpProxyHttp10AndConnectionClose() throws Exception {
        Curl.Result r = Curl.run("--http1.0", "-x", "http://127.0.0.1:" + http, url("localhost", "/hello"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("hello from origin"), r.out());
        Curl.Result c = Curl.run("-H", "Connection: close", "-x", "http://127.0.0.1:" + http,
                url("localhost", "/hello"), url("localhost", "/hello"));
        assertEquals(0, c.exit(), c.err());
        assertEquals(2, c.out().split("hello from origin", -1).length - 1, c.out());
    }

    @Test
    void httpProxyConnectTunnel() throws Exception {
        Curl.Result r = Curl.run("-p", "-x", "http://127.0.0.1:" + http, url("localhost", "/hello"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("hello from origin"), r.out());
    }

    @Test
    void routingByDomainSendsToBlackhole403() throws Exception {
        Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + socks, "-o", "/dev/null", "-w",
                "%{http_code}", url("www.blocked.test", "/hello"));
        assertEquals("403", r.out());
        Curl.Result h = Curl.run("-x", "http://127.0.0.1:" + http, "-o", "/dev/null", "-w", "%{http_code}",
                url("blocked.test", "/hello"));
        assertEquals("403", h.out());
        assertTrue(vtool.awaitLog("taking detour [block] for [tcp:www.blocked.test:", java.time.Duration.ofSeconds(2)));
    }

    @Test
    void routingByIpSendsToBlackhole() throws Exception {
        Curl.Result r = Curl.run("--socks5", "127.0.0.1:" + socks, "-o", "/dev/null", "-w", "%{http_code}",
                url("127.0.0.2", "/hello"));
        assertEquals("403", r.out());
    }

    @Test
    void sniffedHostHeaderOverridesIpDestination() throws Exception {
        // Through the sniffing inbound the Host header decides the route…
        Curl.Result r = Curl.run("--socks5", "127.0.0.1:" + sniffSocks, "-H", "Host: sniffed.test", "-o",
                "/dev/null", "-w", "%{http_code}", url("127.0.0.1", "/hello"));
        assertEquals("403", r.out());
        assertTrue(vtool.awaitLog("sniffed domain: sniffed.test", java.time.Duration.ofSeconds(2)), vtool.log());
        // …while the same request through a plain inbound goes by IP to the origin.
        Curl.Result plain = Curl.run("--socks5", "127.0.0.1:" + socks, "-H", "Host: sniffed.test",
                url("127.0.0.1", "/hello"));
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.out().contains("host=sniffed.test"), plain.out());
    }

    @Test
    void sniffedTlsServerNameOverridesIpDestination() throws Exception {
        int port = origin.httpPort();
        Curl.Result r = Curl.run("--socks5", "127.0.0.1:" + sniffSocks, "-k", "--resolve",
                "www.sni-drop.test:" + port + ":127.0.0.1", "https://www.sni-drop.test:" + port + "/");
        assertTrue(r.exit() != 0);
        assertTrue(vtool.awaitLog("taking detour [drop] for [tcp:www.sni-drop.test:" + port + "]",
                java.time.Duration.ofSeconds(2)), vtool.log());
    }

    @Test
    void socksPasswordAuth() throws Exception {
        Curl.Result ok = Curl.run("--socks5-hostname", "127.0.0.1:" + authSocks, "-U", "u:p", url("localhost", "/hello"));
        assertEquals(0, ok.exit(), ok.err());
        Curl.Result bad = Curl.run("--socks5-hostname", "127.0.0.1:" + authSocks, "-U", "u:wrong",
                url("localhost", "/hello"));
        assertTrue(bad.exit() != 0);
        Curl.Result none = Curl.run("--socks5-hostname", "127.0.0.1:" + authSocks, url("localhost", "/hello"));
        assertTrue(none.exit() != 0);
        Curl.Result v4 = Curl.run("--socks4a", "127.0.0.1:" + authSocks, url("localhost", "/hello"));
        assertTrue(v4.exit() != 0);
        assertTrue(vtool.awaitLog("invalid username or password", java.time.Duration.ofSeconds(2)), vtool.log());
        assertTrue(vtool.awaitLog("no matching auth method", java.time.Duration.ofSeconds(2)), vtool.log());
        assertTrue(vtool.awaitLog("socks 4 is not allowed when auth is required.", java.time.Duration.ofSeconds(2)),
                vtool.log());
    }

    @Test
    void httpBasicAuth() throws Exception {
        Curl.Result ok = Curl.run("-x", "http://u:p@127.0.0.1:" + authHttp, url("localhost", "/hello"));
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith("hello from origin"), ok.out());
        Curl.Result bad = Curl.run("-x", "http://u:no@127.0.0.1:" + authHttp, "-o", "/dev/null", "-w",
                "%{http_code}", url("localhost", "/hello"));
        assertEquals("407", bad.out());
    }

    @Test
    void httpRequestToSocksPortIsRefusedWithV2RayWords() throws Exception {
        Curl.Result r = Curl.run("-x", "http://127.0.0.1:" + socks, url("localhost", "/hello"));
        assertTrue(r.exit() != 0);
        assertTrue(vtool.awaitLog("unknown Socks version: 71", java.time.Duration.ofSeconds(2)), vtool.log());
    }

    /** Greeting, CONNECT and the HTTP request in one write: nothing the client sent early may be lost. */
    @Test
    void socks5OptimisticDataIsKept() throws Exception {
        try (java.net.Socket sock = new java.net.Socket()) {
            sock.connect(new java.net.InetSocketAddress("127.0.0.1", socks), 2000);
            sock.setSoTimeout(5000);
            java.io.ByteArrayOutputStream req = new java.io.ByteArrayOutputStream();
            req.write(new byte[] {5, 1, 0});
            byte[] host = "localhost".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            req.write(new byte[] {5, 1, 0, 3, (byte) host.length});
            req.write(host);
            req.write(new byte[] {(byte) (origin.httpPort() >> 8), (byte) origin.httpPort()});
            req.write(("GET /hello HTTP/1.1\r\nHost: early\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sock.getOutputStream().write(req.toByteArray());
            java.io.DataInputStream in = new java.io.DataInputStream(sock.getInputStream());
            byte[] replies = new byte[2 + 10];
            in.readFully(replies);
            assertEquals(0, replies[3], "CONNECT succeeded");
            String response = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 200") && response.contains("host=early"), response);
        }
    }

    /** A server-first protocol: the client sends nothing, so sniffing gives up after its short wait. */
    @Test
    void sniffingDoesNotBlockServerFirstProtocols() throws Exception {
        try (java.net.ServerSocket banner = new java.net.ServerSocket()) {
            banner.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            Thread t = new Thread(() -> {
                try (java.net.Socket c = banner.accept()) {
                    c.getOutputStream().write("220 ready\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (java.io.IOException ignored) {
                    // the client side asserts
                }
            });
            t.setDaemon(true);
            t.start();
            java.net.Proxy proxy = new java.net.Proxy(java.net.Proxy.Type.SOCKS,
                    new java.net.InetSocketAddress("127.0.0.1", sniffSocks));
            try (java.net.Socket s = new java.net.Socket(proxy)) {
                s.setSoTimeout(5000);
                long start = System.nanoTime();
                s.connect(new java.net.InetSocketAddress("127.0.0.1", banner.getLocalPort()), 2000);
                String got = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertEquals("220 ready\r\n", got);
                assertTrue(ms < 3000, "took " + ms + " ms");
            }
        }
    }
}
