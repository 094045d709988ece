package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mux.cool over VMess against the real v2ray 4.34 on loopback: a client with {@code mux} on (concurrency 2)
 * carries six TCP exchanges at once (so more than one carrier) and UDP datagrams through one server, with
 * v2ray on either side and vtool on both. TCP bytes are checked by SHA-256 both ways, UDP answers byte for
 * byte; a vtool side must show in its log that the traffic really went through mux.
 */
@ExtendWith(LeakCheck.class)
class VmessMuxInteropTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static InteropCell cell;

    @BeforeAll
    static void open() throws Exception {
        InteropCell.requireV2ray();
        cell = InteropCell.open("vmess-mux", 1024 * 1024 + 9);
    }

    @AfterAll
    static void close() throws Exception {
        if (cell != null) {
            cell.close();
        }
    }

    private static String server(int port) {
        return """
                {"log": {"loglevel": "info"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, ID);
    }

    private static String client(int socksPort, int serverPort) {
        return """
                {"log": {"loglevel": "info"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                   "settings": {"auth": "noauth", "udp": true, "ip": "127.0.0.1"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]},
                   "mux": {"enabled": true, "concurrency": 2}}]}
                """.formatted(socksPort, serverPort, ID);
    }

    private static Side start(boolean vtool, String name, String json, int port) throws Exception {
        return vtool ? cell.vtool("vtool " + name, json, LogLevel.INFO) : cell.v2ray(name + "-" + port, json, port);
    }

    @ParameterizedTest(name = "{0} client -> {1} server")
    @CsvSource({"vtool,v2ray", "v2ray,vtool", "vtool,vtool"})
    void tcpAndUdpSessionsTravelThroughMux(String clientSide, String serverSide) throws Exception {
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        byte[] up = new byte[700 * 1024 + 3];
        new Random(5).nextBytes(up);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (Side s = start(serverSide.equals("vtool"), "server", server(serverPort), serverPort);
             Side c = start(clientSide.equals("vtool"), "client", client(socksPort, serverPort), socksPort)) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(pool.submit(() -> cell.tcpFailure(socksPort, up)));
            }
            for (Future<String> f : runs) {
                String failure = f.get(60, TimeUnit.SECONDS);
                assertNull(failure, () -> failure + cell.logs());
            }
            Random r = new Random(9);
            int[] sizes = {5, 1200, 2000};
            byte[][] payloads = new byte[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                payloads[i] = new byte[sizes[i]];
                r.nextBytes(payloads[i]);
            }
            cell.assertUdp(socksPort, payloads);
            if (c.isVtool()) {
                assertTrue(c.log().contains("dispatching request to tcp:127.0.0.1:" + cell.originPort()), c::log);
            }
            if (s.isVtool()) {
                assertTrue(s.log().contains("received request for tcp:v1.mux.cool:0"), s::log);
                assertTrue(s.log().contains("received request for udp:127.0.0.1:" + cell.echoPort()), s::log);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
