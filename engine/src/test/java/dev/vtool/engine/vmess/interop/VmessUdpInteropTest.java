package dev.vtool.engine.vmess.interop;

import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UDP (command 2) through VMess: SOCKS5 UDP -> vmess -> vmess inbound -> freedom -> echo, with v2ray on either side. */
class VmessUdpInteropTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static InteropCell cell;

    @BeforeAll
    static void open() throws Exception {
        InteropCell.requireV2ray();
        cell = InteropCell.open("vmess-udp", 1);
    }

    @AfterAll
    static void close() throws Exception {
        if (cell != null) {
            cell.close();
        }
    }

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

    private static Side start(boolean vtool, String name, String json, int port) throws Exception {
        return vtool ? cell.vtool("vtool " + name, json, LogLevel.INFO) : cell.v2ray(name + "-" + port, json, port);
    }

    @ParameterizedTest(name = "{0} -> {1}, alterId {2}, {3}")
    @CsvSource({"vtool,v2ray,0,aes-128-gcm", "v2ray,vtool,0,chacha20-poly1305", "vtool,vtool,0,none",
            "vtool,vtool,64,aes-128-gcm", "v2ray,vtool,64,none", "vtool,v2ray,64,chacha20-poly1305"})
    void datagramsComeBackIntact(String clientSide, String serverSide, int alterId, String security) throws Exception {
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        try (Side s = start(serverSide.equals("vtool"), "server", server(serverPort), serverPort);
             Side c = start(clientSide.equals("vtool"), "client", client(socksPort, serverPort, alterId, security), socksPort)) {
            Random r = new Random(alterId + security.length());
            int[] sizes = {5, 1200, 1500};
            byte[][] payloads = new byte[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                payloads[i] = new byte[sizes[i]];
                r.nextBytes(payloads[i]);
            }
            cell.assertUdp(socksPort, payloads);
        }
    }
}
