package dev.vtool.engine.trojan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.testkit.PeerProcess;
import dev.vtool.engine.testkit.Socks5Udp;
import dev.vtool.engine.testkit.TwoWayOrigin;
import dev.vtool.engine.testkit.UdpEcho;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * vtool against trojan-gfw (Debian's {@code trojan} 1.16), both ways: a vtool trojan client through a
 * trojan-gfw server, and trojan-gfw's SOCKS client through a vtool trojan server; TCP bytes checked by
 * SHA-256 at both ends, and a UDP datagram echoed.
 */
@Tag("interop")
class TrojanGfwInteropTest {
    private static final int DOWN = 2 * 1024 * 1024 + 3;
    private static final byte[] UP = new byte[1024 * 1024 + 9];
    private static Path dir;
    private static TwoWayOrigin origin;
    private static UdpEcho echo;

    @BeforeAll
    static void origin() throws Exception {
        PeerProcess.require("/usr/bin/trojan", "trojan");
        new Random(5).nextBytes(UP);
        dir = Files.createTempDirectory("trojan-gfw");
        origin = new TwoWayOrigin(DOWN);
        echo = new UdpEcho();
    }

    @AfterAll
    static void stop() throws Exception {
        if (origin != null) {
            origin.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private static String certs() {
        return TrojanVlessInteropTest.certs();
    }

    /** A trojan-gfw server on {@code port}; its own fallback ({@code remote_*}) is the origin, never used here. */
    static PeerProcess gfwServer(int port) throws Exception {
        String json = """
                {"run_type": "server", "local_addr": "127.0.0.1", "local_port": %d,
                 "remote_addr": "127.0.0.1", "remote_port": %d, "password": ["%s"], "log_level": 1,
                 "ssl": {"cert": "%s/server.crt", "key": "%s/server.key", "alpn": ["http/1.1"]}}
                """.formatted(port, origin.port(), TrojanVlessInteropTest.PASSWORD, certs(), certs());
        Path config = dir.resolve("gfw-server-" + port + ".json");
        Files.writeString(config, json);
        return PeerProcess.start(dir, "gfw-server-" + port, List.of("/usr/bin/trojan", "-c", config.toString()), port);
    }

    static PeerProcess gfwClient(int socksPort, int serverPort) throws Exception {
        String json = """
                {"run_type": "client", "local_addr": "127.0.0.1", "local_port": %d,
                 "remote_addr": "127.0.0.1", "remote_port": %d, "password": ["%s"], "log_level": 1,
                 "ssl": {"verify": true, "verify_hostname": true, "cert": "%s/server.crt", "sni": "vtool.test"}}
                """.formatted(socksPort, serverPort, TrojanVlessInteropTest.PASSWORD, certs());
        Path config = dir.resolve("gfw-client-" + socksPort + ".json");
        Files.writeString(config, json);
        return PeerProcess.start(dir, "gfw-client-" + socksPort, List.of("/usr/bin/trojan", "-c", config.toString()), socksPort);
    }

    @Test
    void vtoolClientThroughTrojanGfwServer() throws Exception {
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        try (PeerProcess server = gfwServer(serverPort);
             EngineHarness client = new EngineHarness(TrojanVlessInteropTest.clientJson(socksPort, serverPort, "trojan+tls"), LogLevel.INFO)) {
            exchange(socksPort, () -> client.log() + "\ntrojan-gfw server:\n" + output(server));
        }
    }

    @Test
    void trojanGfwClientThroughVtoolServer() throws Exception {
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        try (EngineHarness server = new EngineHarness(TrojanVlessInteropTest.serverJson(serverPort, "trojan+tls", ""), LogLevel.INFO);
             PeerProcess client = gfwClient(socksPort, serverPort)) {
            exchange(socksPort, () -> server.log() + "\ntrojan-gfw client:\n" + output(client));
        }
    }

    private static void exchange(int socksPort, java.util.function.Supplier<String> logs) throws Exception {
        for (int i = 0; i < 2; i++) {
            String failure;
            try {
                failure = origin.exchange(socksPort, UP, 30_000);
            } catch (java.io.IOException e) {
                failure = e.toString();
            }
            assertNull(failure, logs);
        }
        try (Socks5Udp udp = new Socks5Udp(socksPort)) {
            byte[] payload = "through trojan-gfw".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(payload, udp.exchange(echo.port(), payload), logs);
        }
    }

    private static String output(PeerProcess p) {
        try {
            return p.output();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
