package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** freedom's redirect and domainStrategy, routing's IPOnDemand, and a missing outbound tag. */
@ExtendWith(LeakCheck.class)
class OutboundBehaviourTest {
    @Test
    void freedomRedirectAndAddressFamilies() throws Exception {
        int redirect = FreePort.next();
        int v4 = FreePort.next();
        int v6 = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"inbounds": [
                        {"tag": "redirect", "listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                        {"tag": "v4", "listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                        {"tag": "v6", "listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                      "outbounds": [
                        {"tag": "to-origin", "protocol": "freedom", "settings": {"redirect": "127.0.0.1:%d"}},
                        {"tag": "ipv4", "protocol": "freedom", "settings": {"domainStrategy": "UseIPv4"}},
                        {"tag": "ipv6", "protocol": "freedom", "settings": {"domainStrategy": "UseIPv6"}}],
                      "routing": {"rules": [
                        {"type": "field", "inboundTag": ["v4"], "outboundTag": "ipv4"},
                        {"type": "field", "inboundTag": ["v6"], "outboundTag": "ipv6"}]}}
                     """.formatted(redirect, v4, v6, origin.httpPort()))) {
            Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + redirect, "http://nowhere.invalid:1/hello");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("host=nowhere.invalid:1"), r.out());

            String url = "http://localhost:" + origin.httpPort() + "/hello";
            Curl.Result ipv4 = Curl.run("--socks5-hostname", "127.0.0.1:" + v4, url);
            assertEquals(0, ipv4.exit(), ipv4.err());
            // the origin listens on 127.0.0.1 only, so UseIPv6 (::1) cannot reach it
            Curl.Result ipv6 = Curl.run("--socks5-hostname", "127.0.0.1:" + v6, url);
            assertTrue(ipv6.exit() != 0, ipv6.out());
            assertTrue(vtool.awaitLog("failed to open connection to tcp:localhost:" + origin.httpPort(),
                    Duration.ofSeconds(3)), vtool.log());
        }
    }

    @Test
    void ipOnDemandResolvesDomainsForIpRules() throws Exception {
        int asIs = FreePort.next();
        try (TestOrigin origin = new TestOrigin()) {
            for (String strategy : List.of("AsIs", "IPOnDemand", "IPIfNonMatch")) {
                try (EngineHarness vtool = new EngineHarness("""
                        {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                         "outbounds": [{"tag": "direct", "protocol": "freedom"},
                                       {"tag": "block", "protocol": "blackhole", "settings": {"response": {"type": "http"}}}],
                         "routing": {"domainStrategy": "%s",
                                     "rules": [{"type": "field", "ip": ["127.0.0.0/8"], "outboundTag": "block"}]}}
                        """.formatted(asIs, strategy))) {
                    Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + asIs, "-o", "/dev/null", "-w",
                            "%{http_code}", "http://localhost:" + origin.httpPort() + "/hello");
                    assertEquals(strategy.equals("AsIs") ? "200" : "403", r.out(), strategy + "\n" + vtool.log());
                }
            }
        }
    }

    @Test
    void missingOutboundTagFallsBackToDefaultWithWarning() throws Exception {
        int port = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "http"}],
                      "outbounds": [{"tag": "direct", "protocol": "freedom"}],
                      "routing": {"rules": [{"type": "field", "domain": ["localhost"], "outboundTag": "nope"}]}}
                     """.formatted(port))) {
            Curl.Result r = Curl.run("-x", "http://127.0.0.1:" + port, "http://localhost:" + origin.httpPort() + "/hello");
            assertEquals(0, r.exit(), r.err());
            assertTrue(vtool.awaitLog("[Warning] ", Duration.ofSeconds(2)));
            assertTrue(vtool.log().contains("v2ray.com/core/app/dispatcher: non existing tag: nope"), vtool.log());
        }
    }

    private static String rawRequest(int port, String request) throws Exception {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    @Test
    void httpInboundTransparentRequestsOnlyWhenAllowed() throws Exception {
        int open = FreePort.next();
        int closed = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"inbounds": [
                        {"listen": "127.0.0.1", "port": %d, "protocol": "http", "settings": {"allowTransparent": true}},
                        {"listen": "127.0.0.1", "port": %d, "protocol": "http"}],
                      "outbounds": [{"protocol": "freedom"}]}
                     """.formatted(open, closed))) {
            String req = "GET /hello HTTP/1.1\r\nHost: localhost:" + origin.httpPort() + "\r\nConnection: close\r\n\r\n";
            String ok = rawRequest(open, req);
            assertTrue(ok.startsWith("HTTP/1.1 200") && ok.contains("hello from origin"), ok);
            String refused = rawRequest(closed, req);
            assertTrue(refused.startsWith("HTTP/1.1 400 Bad Request"), refused);
        }
    }

    @Test
    void portRangeListensOnEveryPortAndSendThroughBindsTheSource() throws Exception {
        int first = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"inbounds": [{"listen": "127.0.0.1", "port": "%d-%d", "protocol": "socks"}],
                      "outbounds": [{"protocol": "freedom", "sendThrough": "127.0.0.1"}]}
                     """.formatted(first, first + 1))) {
            assertEquals(2, vtool.engine.boundAddresses().size());
            for (int port : new int[] {first, first + 1}) {
                Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + port,
                        "http://localhost:" + origin.httpPort() + "/hello");
                assertEquals(0, r.exit(), r.err());
            }
        }
    }

    @Test
    void proxySettingsDialsTheServerThroughAnotherOutbound() throws Exception {
        int in1 = FreePort.next();
        int in2 = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"log": {"loglevel": "debug"},
                      "inbounds": [{"tag": "in1", "listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                                   {"tag": "in2", "listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                      "outbounds": [
                        {"tag": "direct", "protocol": "freedom"},
                        {"tag": "up", "protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d}]},
                         "proxySettings": {"tag": "hop"}},
                        {"tag": "hop", "protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d}]}}],
                      "routing": {"rules": [{"type": "field", "inboundTag": ["in1"], "outboundTag": "up"}]}}
                     """.formatted(in1, in2, in2, in2))) {
            // in1 -> up (socks to in2) whose connection to in2 is itself made by hop (socks to in2):
            // so in2 sees two clients: hop asking for in2, and up asking for the origin.
            Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + in1,
                    "http://localhost:" + origin.httpPort() + "/hello");
            assertEquals(0, r.exit(), r.err() + vtool.log());
            assertTrue(r.out().startsWith("hello from origin"), r.out());
            assertTrue(vtool.awaitLog("proxying to hop for dest tcp:127.0.0.1:" + in2, Duration.ofSeconds(2)),
                    vtool.log());
            assertTrue(vtool.awaitLog("accepted tcp:127.0.0.1:" + in2 + " [direct]", Duration.ofSeconds(2)),
                    vtool.log());
            assertTrue(vtool.awaitLog("accepted tcp:localhost:" + origin.httpPort() + " [direct]",
                    Duration.ofSeconds(2)), vtool.log());
        }
    }

    @Test
    void proxySettingsLoopIsRefused() {
        int port = FreePort.next();
        EngineException e = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class, () ->
                new EngineHarness("""
                        {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                         "outbounds": [
                           {"tag": "a", "protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": 1}]},
                            "proxySettings": {"tag": "b"}},
                           {"tag": "b", "protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": 1}]},
                            "proxySettings": {"tag": "a"}}]}
                        """.formatted(port)));
        assertTrue(e.getMessage().contains("form a loop"), e.getMessage());
    }
}
