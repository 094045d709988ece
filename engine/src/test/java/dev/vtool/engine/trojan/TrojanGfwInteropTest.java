package dev.vtool.engine.trojan;

import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.nio.charset.StandardCharsets;
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
    private static final String TROJAN = "/usr/bin/trojan";
    private static final int DOWN = 2 * 1024 * 1024 + 3;
    private static final byte[] UP = new byte[1024 * 1024 + 9];
    private static InteropCell cell;

    @BeforeAll
    static void open() throws Exception {
        InteropCell.require(TROJAN, "trojan");
        new Random(5).nextBytes(UP);
        cell = InteropCell.open("trojan-gfw", DOWN);
    }

    @AfterAll
    static void close() throws Exception {
        if (cell != null) {
            cell.close();
        }
    }

    private static String certs() {
        return TrojanVlessInteropTest.certs();
    }

    /** A trojan-gfw server on {@code port}; its own fallback ({@code remote_*}) is the origin, never used here. */
    static Side gfwServer(int port) throws Exception {
        String json = """
                {"run_type": "server", "local_addr": "127.0.0.1", "local_port": %d,
                 "remote_addr": "127.0.0.1", "remote_port": %d, "password": ["%s"], "log_level": 1,
                 "ssl": {"cert": "%s/server.crt", "key": "%s/server.key", "alpn": ["http/1.1"]}}
                """.formatted(port, cell.originPort(), TrojanVlessInteropTest.PASSWORD, certs(), certs());
        String name = "gfw-server-" + port;
        return cell.peer(name, TROJAN, "trojan", List.of("-c", cell.write(name + ".json", json).toString()), port);
    }

    static Side gfwClient(int socksPort, int serverPort) throws Exception {
        String json = """
                {"run_type": "client", "local_addr": "127.0.0.1", "local_port": %d,
                 "remote_addr": "127.0.0.1", "remote_port": %d, "password": ["%s"], "log_level": 1,
                 "ssl": {"verify": true, "verify_hostname": true, "cert": "%s/server.crt", "sni": "vtool.test"}}
                """.formatted(socksPort, serverPort, TrojanVlessInteropTest.PASSWORD, certs());
        String name = "gfw-client-" + socksPort;
        return cell.peer(name, TROJAN, "trojan", List.of("-c", cell.write(name + ".json", json).toString()), socksPort);
    }

    @Test
    void vtoolClientThroughTrojanGfwServer() throws Exception {
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        try (Side server = gfwServer(serverPort);
             Side client = cell.vtool("vtool client", TrojanVlessInteropTest.clientJson(socksPort, serverPort, "trojan+tls"),
                     LogLevel.INFO)) {
            exchange(socksPort);
        }
    }

    @Test
    void trojanGfwClientThroughVtoolServer() throws Exception {
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        try (Side server = cell.vtool("vtool server", TrojanVlessInteropTest.serverJson(serverPort, "trojan+tls", ""),
                     LogLevel.INFO);
             Side client = gfwClient(socksPort, serverPort)) {
            exchange(socksPort);
        }
    }

    private static void exchange(int socksPort) throws Exception {
        cell.assertTcp(socksPort, UP, 2);
        cell.assertUdp(socksPort, "through trojan-gfw".getBytes(StandardCharsets.US_ASCII));
    }
}
