package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VMess over {@code network: "domainsocket"} against the real v2ray 4.34: a file path and an abstract
 * name with padding, vtool client to v2ray server and back, bytes checked both ways. The vtool listener
 * removes its socket file and 4.34's lock file when it stops.
 */
@ExtendWith(LeakCheck.class)
class VmessDomainSocketInteropTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    private static String ds(String path, boolean abstractName) {
        return """
                {"network": "domainsocket", "dsSettings": {"path": "%s", "abstract": %b, "padding": %b}}"""
                .formatted(path, abstractName, abstractName);
    }

    /** The ds inbound, plus a socks inbound on {@code waitPort} so that a test can see the process is up. */
    private static String server(int port, int waitPort, String stream) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}, "streamSettings": %s},
                  {"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, ID, stream, waitPort);
    }

    private static String client(int socksPort, int serverPort, String stream) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]}, "streamSettings": %s}]}
                """.formatted(socksPort, serverPort, ID, stream);
    }

    @ParameterizedTest(name = "{0} client -> {1} server, abstract {2}")
    @CsvSource({"vtool,v2ray,false", "v2ray,vtool,false", "vtool,v2ray,true", "v2ray,vtool,true", "vtool,vtool,false"})
    void bytesTravelIntactBothWays(String clientSide, String serverSide, boolean abstractName) throws Exception {
        V2rayBinary.require();
        Path dir = Files.createTempDirectory("vmess-ds");
        String path = abstractName ? "vtool-test-" + System.nanoTime() : dir.resolve("v.sock").toString();
        String stream = ds(path, abstractName);
        int serverPort = FreePort.next();
        int waitPort = FreePort.next();
        int socksPort = FreePort.next();
        byte[] up = new byte[1024 * 1024 + 3];
        new Random(1).nextBytes(up);
        try (TwoWayOrigin origin = new TwoWayOrigin(2 * 1024 * 1024 + 5)) {
            try (AutoCloseable s = serverSide.equals("vtool") ? new EngineHarness(server(serverPort, waitPort, stream), LogLevel.INFO)
                         : V2rayProcess.start(dir, "server", server(serverPort, waitPort, stream), waitPort);
                 AutoCloseable c = clientSide.equals("vtool") ? new EngineHarness(client(socksPort, serverPort, stream), LogLevel.INFO)
                         : V2rayProcess.start(dir, "client", client(socksPort, serverPort, stream), socksPort)) {
                if (!abstractName) {
                    assertTrue(Files.exists(Path.of(path)), "the socket file exists while listening");
                }
                for (int i = 0; i < 2; i++) {
                    String failure = origin.exchange(socksPort, up, 30_000);
                    assertNull(failure, () -> failure + (s instanceof EngineHarness h ? h.log() : "")
                            + (c instanceof EngineHarness h ? h.log() : ""));
                }
            }
            if (!abstractName && serverSide.equals("vtool")) {
                assertFalse(Files.exists(Path.of(path)), "the socket file is removed");
                assertFalse(Files.exists(Path.of(path + ".lock")), "the lock file is removed");
            }
        }
    }
}
