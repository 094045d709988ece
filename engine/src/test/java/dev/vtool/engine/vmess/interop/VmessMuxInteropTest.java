package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.Socks5Udp;
import dev.vtool.engine.testkit.TwoWayOrigin;
import dev.vtool.engine.testkit.UdpEcho;
import dev.vtool.engine.testkit.V2rayProcess;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    private static AutoCloseable start(boolean vtool, Path dir, String name, String json, int port) throws Exception {
        return vtool ? new EngineHarness(json, LogLevel.INFO) : V2rayProcess.start(dir, name, json, port);
    }

    @ParameterizedTest(name = "{0} client -> {1} server")
    @CsvSource({"vtool,v2ray", "v2ray,vtool", "vtool,vtool"})
    void tcpAndUdpSessionsTravelThroughMux(String clientSide, String serverSide) throws Exception {
        V2rayBinary.require();
        Path dir = Files.createTempDirectory("vmess-mux");
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        byte[] up = new byte[700 * 1024 + 3];
        new Random(5).nextBytes(up);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (TwoWayOrigin origin = new TwoWayOrigin(1024 * 1024 + 9);
             UdpEcho echo = new UdpEcho();
             AutoCloseable s = start(serverSide.equals("vtool"), dir, "server", server(serverPort), serverPort);
             AutoCloseable c = start(clientSide.equals("vtool"), dir, "client", client(socksPort, serverPort), socksPort)) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(pool.submit(() -> origin.exchange(socksPort, up, 30_000)));
            }
            for (Future<String> f : runs) {
                String failure = f.get(60, TimeUnit.SECONDS);
                assertNull(failure, () -> failure + logs(c, s));
            }
            try (Socks5Udp udp = new Socks5Udp(socksPort)) {
                Random r = new Random(9);
                for (int size : new int[] {5, 1200, 2000}) {
                    byte[] payload = new byte[size];
                    r.nextBytes(payload);
                    assertArrayEquals(payload, udp.exchange(echo.port(), payload), size + " bytes" + logs(c, s));
                }
            }
            if (c instanceof EngineHarness h) {
                assertTrue(h.log().contains("dispatching request to tcp:127.0.0.1:" + origin.port()), h.log());
            }
            if (s instanceof EngineHarness h) {
                assertTrue(h.log().contains("received request for tcp:v1.mux.cool:0"), h.log());
                assertTrue(h.log().contains("received request for udp:127.0.0.1:" + echo.port()), h.log());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String logs(AutoCloseable... sides) {
        StringBuilder b = new StringBuilder();
        for (AutoCloseable a : sides) {
            if (a instanceof EngineHarness h) {
                b.append("\n---- vtool log:\n").append(h.log());
            }
        }
        return b.toString();
    }
}
