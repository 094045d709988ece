package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * VMess vtool -> vtool through curl for every security, plus failed handshakes, with Netty's leak
 * detector hooked: no pooled buffer may leak in the vmess inbound/outbound codecs.
 */
class VmessLeakTest {
    static {
        LeakWatch.install();
    }

    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static TestOrigin origin;
    private static EngineHarness server;
    private static EngineHarness client;
    private static final int[] SOCKS = new int[3];
    private static final String[] SECURITIES = {"aes-128-gcm", "chacha20-poly1305", "none"};
    private static int serverPort;

    @BeforeAll
    static void start() throws Exception {
        origin = new TestOrigin();
        serverPort = FreePort.next();
        server = new EngineHarness("""
                {"log": {"loglevel": "info"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 4, "email": "leak@t"}]}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(serverPort, ID));
        StringBuilder inbounds = new StringBuilder();
        StringBuilder outbounds = new StringBuilder();
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            SOCKS[i] = FreePort.next();
            String sep = i == 0 ? "" : ",";
            inbounds.append(sep).append("""
                    {"tag": "in%d", "listen": "127.0.0.1", "port": %d, "protocol": "socks"}""".formatted(i, SOCKS[i]));
            outbounds.append(sep).append("""
                    {"tag": "out%d", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                      "users": [{"id": "%s", "alterId": %d, "security": "%s"}]}]}}""".formatted(i, serverPort, ID, i % 2 * 4, SECURITIES[i]));
            rules.append(sep).append("""
                    {"type": "field", "inboundTag": ["in%d"], "outboundTag": "out%d"}""".formatted(i, i));
        }
        client = new EngineHarness("{\"inbounds\": [" + inbounds + "], \"outbounds\": [" + outbounds
                + "], \"routing\": {\"rules\": [" + rules + "]}}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (origin != null) {
            origin.close();
        }
        List<String> leaks = LeakWatch.collect();
        assertTrue(leaks.isEmpty(), "Netty buffers leaked: " + leaks);
    }

    @Test
    void downloadsThroughEverySecurity() throws Exception {
        for (int i = 0; i < 3; i++) {
            Curl.Result r = Curl.run("-s", "--max-time", "20", "--socks5-hostname", "127.0.0.1:" + SOCKS[i],
                    "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + origin.httpPort() + "/big?3000000");
            assertEquals("200", r.out(), SECURITIES[i]);
            assertEquals(0, r.exit(), SECURITIES[i] + ": " + r.err());
        }
    }

    @Test
    void failedHandshakesLeaveNothingBehind() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket("127.0.0.1", serverPort)) {
                s.getOutputStream().write(new byte[4096]);
                s.setSoTimeout(3000);
                InputStream in = s.getInputStream();
                try {
                    assertEquals(-1, in.read());
                } catch (java.io.IOException reset) {
                    // closed with unread data: RST, as 4.34 does
                }
            }
        }
        assertTrue(server.awaitLog("invalid user", java.time.Duration.ofSeconds(5)));
    }
}
