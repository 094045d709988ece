package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.testkit.Socks5Udp;
import dev.vtool.engine.testkit.UdpEcho;
import dev.vtool.engine.testkit.V2rayProcess;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UDP (command 2) through VMess: SOCKS5 UDP -> vmess -> vmess inbound -> freedom -> echo, with v2ray on either side. */
class VmessUdpInteropTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    private static String server(int port) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 64}]}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, ID);
    }

    private static String client(int socksPort, int serverPort, int alterId, String security) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                   "settings": {"auth": "noauth", "udp": true, "ip": "127.0.0.1"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "alterId": %d, "security": "%s"}]}]}}]}
                """.formatted(socksPort, serverPort, ID, alterId, security);
    }

    private static AutoCloseable start(boolean vtool, Path dir, String name, String json, int port) throws Exception {
        return vtool ? new EngineHarness(json, LogLevel.INFO) : V2rayProcess.start(dir, name, json, port);
    }

    @ParameterizedTest(name = "{0} -> {1}, alterId {2}, {3}")
    @CsvSource({"vtool,v2ray,0,aes-128-gcm", "v2ray,vtool,0,chacha20-poly1305", "vtool,vtool,0,none",
            "vtool,vtool,64,aes-128-gcm", "v2ray,vtool,64,none", "vtool,v2ray,64,chacha20-poly1305"})
    void datagramsComeBackIntact(String clientSide, String serverSide, int alterId, String security) throws Exception {
        V2rayBinary.require();
        Path dir = Files.createTempDirectory("vmess-udp");
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        try (UdpEcho echo = new UdpEcho();
             AutoCloseable s = start(serverSide.equals("vtool"), dir, "server", server(serverPort), serverPort);
             AutoCloseable c = start(clientSide.equals("vtool"), dir, "client", client(socksPort, serverPort, alterId, security), socksPort);
             Socks5Udp udp = new Socks5Udp(socksPort)) {
            Random r = new Random(alterId + security.length());
            for (int size : new int[] {5, 1200, 1500}) {
                byte[] payload = new byte[size];
                r.nextBytes(payload);
                assertArrayEquals(payload, udp.exchange(echo.port(), payload), size + " bytes");
            }
        }
    }
}
