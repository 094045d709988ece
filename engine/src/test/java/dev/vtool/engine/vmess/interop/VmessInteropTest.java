package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VMess over loopback against the real v2ray 4.34: {vtool client -> v2ray server, v2ray client -> vtool
 * server, vtool -> vtool} x {alterId 0 (AEAD header), alterId 64 (legacy header)} x {aes-128-gcm,
 * chacha20-poly1305, none}, each a download of more than 10 MiB whose SHA-256 must match.
 */
class VmessInteropTest {
    private static final String U0 = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final String U64 = "0f0e0d0c-0b0a-0908-0706-050403020100";
    private static final int SIZE = 10 * 1024 * 1024 + 4321;

    private static InteropCell cell;
    private static HttpOrigin origin;
    private static Side vtoolServer;
    private static int vtoolServerPort;
    private static int v2rayServerPort;

    @BeforeAll
    static void servers() throws Exception {
        InteropCell.requireV2ray(); // skip (or fail under CI) before anything starts
        // the cell's own origin checks uploads too; these cells download a large body over HTTP instead
        cell = InteropCell.open("vmess-interop", 1);
        origin = new HttpOrigin(SIZE);
        vtoolServerPort = FreePort.next();
        vtoolServer = cell.vtool("vtool server", serverJson(vtoolServerPort), LogLevel.INFO);
        v2rayServerPort = FreePort.next();
        cell.v2ray("v2ray-server", serverJson(v2rayServerPort), v2rayServerPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cell != null) {
            cell.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    static String serverJson(int port) {
        return """
                {"log": {"loglevel": "info"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0, "email": "a0@t"},
                                            {"id": "%s", "alterId": 64, "email": "a64@t"}]}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, U0, U64);
    }

    static String clientJson(int socksPort, int serverPort, String id, int alterId, String security) {
        return """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "alterId": %d, "security": "%s"}]}]}}]}
                """.formatted(socksPort, serverPort, id, alterId, security);
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String direction : new String[] {"vtool->v2ray", "v2ray->vtool", "vtool->vtool"}) {
            for (int alterId : new int[] {0, 64}) {
                for (String security : new String[] {"aes-128-gcm", "chacha20-poly1305", "none"}) {
                    out.add(Arguments.of(direction, alterId, security));
                }
            }
        }
        return out.stream();
    }

    private static Side client(boolean vtool, int socksPort, int serverPort, String id, int alterId, String security)
            throws Exception {
        String json = clientJson(socksPort, serverPort, id, alterId, security);
        return vtool ? cell.vtool("vtool client", json, LogLevel.INFO) : cell.v2ray("v2ray-client-" + socksPort, json, socksPort);
    }

    @ParameterizedTest(name = "{0} alterId={1} {2}")
    @MethodSource("matrix")
    void downloadsTenMegabytesIntact(String direction, int alterId, String security) throws Exception {
        boolean vtoolClient = !direction.startsWith("v2ray");
        int serverPort = direction.endsWith("v2ray") ? v2rayServerPort : vtoolServerPort;
        int socksPort = FreePort.next();
        try (Side c = client(vtoolClient, socksPort, serverPort, alterId == 0 ? U0 : U64, alterId, security)) {
            SocksDownload.Result r = SocksDownload.fetch(socksPort, origin.url(), 20_000);
            assertEquals(SIZE, r.bytes());
            assertArrayEquals(origin.sha256(), r.sha256());
        }
        if (serverPort == vtoolServerPort) {
            // the user found by its id names the session in the access log
            String email = alterId == 0 ? "a0@t" : "a64@t";
            assertTrue(vtoolServer.log().contains("accepted tcp:127.0.0.1:" + origin.port() + " email: " + email)
                    || vtoolServer.log().matches("(?s).*accepted tcp:127\\.0\\.0\\.1:" + origin.port() + " \\[[^]]*\\] email: " + email + ".*"),
                    "access line with " + email);
        }
    }

    @Test
    void deadVnextServerIsSkippedByTheRetryOntoTheNextOne() throws Exception {
        int socksPort = FreePort.next();
        int dead = FreePort.next();
        String json = """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [
                   {"address": "127.0.0.1", "port": %d, "users": [{"id": "%s", "security": "auto"}]},
                   {"address": "127.0.0.1", "port": %d, "users": [{"id": "%s", "security": "zero"},
                                                                 {"id": "%s", "alterId": 64, "security": "aes-128-gcm"}]}]}}]}
                """.formatted(socksPort, dead, U0, v2rayServerPort, U0, U64);
        try (Side c = cell.vtool("vtool client", json, LogLevel.INFO)) {
            for (int i = 0; i < 4; i++) {
                SocksDownload.Result r = SocksDownload.fetch(socksPort, origin.url(), 20_000);
                assertArrayEquals(origin.sha256(), r.sha256(), "download " + i);
            }
        }
    }

    @Test
    void wrongUuidIsRejectedAsInvalidUserFromBothClients() throws Exception {
        String wrong = "11111111-2222-3333-4444-555555555555";
        for (boolean vtoolClient : new boolean[] {true, false}) {
            for (int alterId : new int[] {0, 64}) {
                int socksPort = FreePort.next();
                String before = vtoolServer.log();
                try (Side c = client(vtoolClient, socksPort, vtoolServerPort, wrong, alterId, "aes-128-gcm")) {
                    assertThrows(java.io.IOException.class, () -> SocksDownload.fetch(socksPort, origin.url(), 2_000));
                }
                long deadline = System.nanoTime() + 5_000_000_000L;
                String added = "";
                while (System.nanoTime() < deadline) {
                    added = vtoolServer.log().substring(before.length());
                    // wait for this connection's access line: a previous connection's error line may land first
                    if (added.contains(" rejected  ") && added.contains("invalid user")) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertTrue(added.contains("v2ray.com/core/proxy/vmess/encoding: invalid user > v2ray.com/core/proxy/vmess: Not Found"),
                        (vtoolClient ? "vtool" : "v2ray") + " client alterId " + alterId + ": " + added);
                // drained to the budget, or the client gave up first (4.34 then says "failed to drain")
                assertTrue(added.matches("(?s).* rejected  v2ray\\.com/core/proxy/vmess/encoding: (connection drained|failed to drain connection) DrainSize = \\d+ \\d+ \\d+ > .*"), added);
            }
        }
    }
}
