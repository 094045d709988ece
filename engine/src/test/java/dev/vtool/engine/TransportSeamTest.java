package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.TransportRegistry;
import dev.vtool.engine.transport.xor.XorSecurityLayer;
import dev.vtool.engine.transport.xor.XorTransport;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transport seam: a network added in test scope only (package {@code transport.xor}, listed in the
 * test service files for the config side and the engine side, nothing else edited) carries a VMess pair
 * chosen by {@code streamSettings.network}, on the inbound and the outbound side; a test-scope security
 * layer chosen by {@code streamSettings.security} is applied by the tcp transport on both sides.
 */
@ExtendWith(LeakCheck.class)
class TransportSeamTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static TestOrigin origin;
    private static EngineHarness server;
    private static EngineHarness client;
    private static int xorSocks;
    private static int plainSocks;
    private static int securedSocks;
    private static int chainedSocks;

    @BeforeAll
    static void start() throws Exception {
        origin = new TestOrigin();
        int serverPort = FreePort.next();
        int securedPort = FreePort.next();
        server = new EngineHarness("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s"}]},
                   "streamSettings": {"network": "XOR", "xorSettings": {"key": 165}}},
                  {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%2$s"}]},
                   "streamSettings": {"security": "xortls", "xortlsSettings": {"key": 7}}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(serverPort, ID, securedPort), LogLevel.INFO);
        xorSocks = FreePort.next();
        plainSocks = FreePort.next();
        securedSocks = FreePort.next();
        chainedSocks = FreePort.next();
        client = new EngineHarness("""
                {"inbounds": [{"tag": "xor", "listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                              {"tag": "plain", "listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                              {"tag": "secured", "listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                              {"tag": "chained", "listen": "127.0.0.1", "port": %7$d, "protocol": "socks"}],
                 "outbounds": [
                   {"tag": "over-xor", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1",
                      "port": %4$d, "users": [{"id": "%5$s"}]}]},
                    "streamSettings": {"network": "xor", "xorSettings": {"key": 165}}},
                   {"tag": "over-tcp", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1",
                      "port": %4$d, "users": [{"id": "%5$s"}]}]}},
                   {"tag": "over-secured", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1",
                      "port": %6$d, "users": [{"id": "%5$s"}]}]},
                    "streamSettings": {"network": "tcp", "security": "XorTLS", "xortlsSettings": {"key": 7}}},
                   {"tag": "chained-secured", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1",
                      "port": %6$d, "users": [{"id": "%5$s"}]}]}, "proxySettings": {"tag": "direct"},
                    "streamSettings": {"security": "xortls", "xortlsSettings": {"key": 7}}},
                   {"tag": "direct", "protocol": "freedom"}],
                 "routing": {"rules": [{"type": "field", "inboundTag": ["plain"], "outboundTag": "over-tcp"},
                                       {"type": "field", "inboundTag": ["secured"], "outboundTag": "over-secured"},
                                       {"type": "field", "inboundTag": ["chained"], "outboundTag": "chained-secured"}]}}
                """.formatted(xorSocks, plainSocks, securedSocks, serverPort, ID, securedPort, chainedSocks),
                LogLevel.INFO);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void aTestScopeNetworkCarriesVmessBothWays() throws Exception {
        int accepted = XorTransport.ACCEPTED.get();
        int dialled = XorTransport.DIALLED.get();
        Curl.Result small = Curl.run("--socks5-hostname", "127.0.0.1:" + xorSocks,
                "http://127.0.0.1:" + origin.httpPort() + "/hello");
        assertEquals(0, small.exit(), small.err());
        assertTrue(small.out().startsWith("hello from origin"), small.out());
        Curl.Result big = Curl.run("--socks5-hostname", "127.0.0.1:" + xorSocks, "-o", "/dev/null",
                "-w", "%{http_code} %{size_download}", "http://127.0.0.1:" + origin.httpPort() + "/big?2000000");
        assertEquals("200 2000000", big.out(), big.err());
        assertTrue(XorTransport.ACCEPTED.get() >= accepted + 2, "the inbound listened through the xor transport");
        assertTrue(XorTransport.DIALLED.get() >= dialled + 2, "the outbound dialled through the xor transport");
    }

    @Test
    void tcpAppliesTheSecurityLayerStreamSettingsSelectOnBothSides() throws Exception {
        int servers = XorSecurityLayer.SERVERS.get();
        int clients = XorSecurityLayer.CLIENTS.get();
        Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + securedSocks, "-o", "/dev/null",
                "-w", "%{http_code} %{size_download}", "http://127.0.0.1:" + origin.httpPort() + "/big?300000");
        assertEquals("200 300000", r.out(), r.err());
        assertTrue(XorSecurityLayer.SERVERS.get() > servers, "the inbound's transport applied the layer");
        assertTrue(XorSecurityLayer.CLIENTS.get() > clients, "the outbound's transport applied the layer");
    }

    @Test
    void aProxySettingsChainAppliesTheSecurityLayerOverTheChainedConnection() throws Exception {
        int clients = XorSecurityLayer.CLIENTS.get();
        Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + chainedSocks,
                "http://127.0.0.1:" + origin.httpPort() + "/hello");
        assertEquals(0, r.exit(), r.err() + client.log());
        assertTrue(r.out().startsWith("hello from origin"), r.out());
        assertTrue(XorSecurityLayer.CLIENTS.get() > clients, "the chain applied the outbound's security layer");
    }

    @Test
    void theNetworkReallyChangesTheBytesOnTheWire() throws Exception {
        // the same VMess client over plain tcp: the xor server reads garbage and refuses it
        Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + plainSocks,
                "http://127.0.0.1:" + origin.httpPort() + "/hello");
        assertNotEquals(0, r.exit());
        assertTrue(server.awaitLog("invalid user", java.time.Duration.ofSeconds(5)), server.log());
    }

    @Test
    void aNetworkWithoutAnEngineTransportIsRefusedAtStart() throws Exception {
        var config = EngineHarness.config("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                               "streamSettings": {"network": "xor"}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(FreePort.next()));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        EngineException e = assertThrows(EngineException.class, () -> Engine.start(config,
                new EngineLog(LogLevel.ERROR, sink, sink), ProtocolRegistry.discover(), new TransportRegistry()));
        assertEquals("failed to create outbound: transport tcp is not supported by this build of vtool run",
                e.getMessage());
    }
}
