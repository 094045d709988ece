package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** vtool and a real v2ray 4.34 chained over SOCKS5 in both directions, with and without a password. */
@ExtendWith(LeakCheck.class)
class V2rayInteropTest {
    private TestOrigin origin;
    private InteropCell cell;

    @BeforeEach
    void setUp() throws Exception {
        InteropCell.requireV2ray();
        origin = new TestOrigin();
        // the cell runs the processes; these cells fetch over HTTP with curl from TestOrigin
        cell = InteropCell.open("vtool-interop", 1);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (cell != null) {
            cell.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private void startV2ray(String json, int port) throws Exception {
        cell.v2ray("v2ray", json, port);
    }

    private Side vtool(String json) throws Exception {
        return cell.vtool("vtool", json, LogLevel.DEBUG);
    }

    @Test
    void vtoolSocksOutboundThroughV2raySocksInbound() throws Exception {
        int v2Port = FreePort.next();
        int vtPort = FreePort.next();
        startV2ray("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                               "settings": {"auth": "password", "accounts": [{"user": "alice", "pass": "s3cret"}]}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(v2Port), v2Port);
        try (Side vtool = vtool("""
                {"inbounds": [{"tag": "in", "listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                 "outbounds": [{"tag": "up", "protocol": "socks", "settings": {"servers": [
                     {"address": "127.0.0.1", "port": %d, "users": [{"user": "alice", "pass": "s3cret"}]}]}}]}
                """.formatted(vtPort, v2Port))) {
            Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + vtPort,
                    "http://localhost:" + origin.httpPort() + "/hello");
            assertEquals(0, r.exit(), r.err() + vtool.log());
            assertTrue(r.out().startsWith("hello from origin"), r.out());
            int size = 8 * 1024 * 1024;
            Curl.Result big = Curl.run("--socks5-hostname", "127.0.0.1:" + vtPort, "-o", "/dev/null", "-w",
                    "%{size_download}", "http://localhost:" + origin.httpPort() + "/big?" + size);
            assertEquals(String.valueOf(size), big.out());
        }
    }

    @Test
    void vtoolSocksOutboundReportsWrongPasswordLikeV2ray() throws Exception {
        int v2Port = FreePort.next();
        int vtPort = FreePort.next();
        startV2ray("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                               "settings": {"auth": "password", "accounts": [{"user": "alice", "pass": "s3cret"}]}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(v2Port), v2Port);
        try (Side vtool = vtool("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                 "outbounds": [{"protocol": "socks", "settings": {"servers": [
                     {"address": "127.0.0.1", "port": %d, "users": [{"user": "alice", "pass": "wrong"}]}]}}]}
                """.formatted(vtPort, v2Port))) {
            Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + vtPort,
                    "http://localhost:" + origin.httpPort() + "/hello");
            assertTrue(r.exit() != 0);
            assertTrue(vtool.awaitLog("server rejects account: ", Duration.ofSeconds(3)), vtool.log());
        }
    }

    @Test
    void v2raySocksOutboundThroughVtoolSocksInbound() throws Exception {
        int v2Port = FreePort.next();
        int vtPort = FreePort.next();
        try (Side vtool = vtool("""
                {"inbounds": [{"tag": "from-v2ray", "listen": "127.0.0.1", "port": %d, "protocol": "socks",
                               "settings": {"auth": "password", "accounts": [{"user": "bob", "pass": "pw"}]}}],
                 "outbounds": [{"tag": "direct", "protocol": "freedom"}]}
                """.formatted(vtPort))) {
            startV2ray("""
                    {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                     "outbounds": [{"protocol": "socks", "settings": {"servers": [
                         {"address": "127.0.0.1", "port": %d, "users": [{"user": "bob", "pass": "pw"}]}]}}]}
                    """.formatted(v2Port, vtPort), v2Port);
            Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + v2Port,
                    "http://localhost:" + origin.httpPort() + "/hello");
            assertEquals(0, r.exit(), r.err() + vtool.log());
            assertTrue(r.out().startsWith("hello from origin"), r.out());
            assertTrue(vtool.awaitLog("accepted tcp:localhost:" + origin.httpPort() + " [direct]",
                    Duration.ofSeconds(2)), vtool.log());
        }
    }

    @Test
    void vtoolHttpOutboundThroughV2rayHttpInbound() throws Exception {
        int v2Port = FreePort.next();
        int vtPort = FreePort.next();
        startV2ray("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "http",
                               "settings": {"accounts": [{"user": "carol", "pass": "pw"}]}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(v2Port), v2Port);
        for (String pass : new String[] {"pw", "bad"}) {
            try (Side vtool = vtool("""
                    {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                     "outbounds": [{"protocol": "http", "settings": {"servers": [
                         {"address": "127.0.0.1", "port": %d, "users": [{"user": "carol", "pass": "%s"}]}]}}]}
                    """.formatted(vtPort, v2Port, pass))) {
                Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + vtPort,
                        "http://localhost:" + origin.httpPort() + "/hello");
                if (pass.equals("pw")) {
                    assertEquals(0, r.exit(), r.err() + vtool.log());
                    assertTrue(r.out().startsWith("hello from origin"), r.out());
                } else {
                    assertTrue(r.exit() != 0);
                    assertTrue(vtool.awaitLog("Proxy responded with non 200 code: 407", Duration.ofSeconds(3)),
                            vtool.log());
                }
            }
        }
    }

    /** UDP through the chain: vtool socks (UDP) -> vtool socks outbound -> v2ray socks (UDP) -> freedom -> echo. */
    @Test
    void udpThroughVtoolSocksOutboundAndV2ray() throws Exception {
        int v2Port = FreePort.next();
        int vtPort = FreePort.next();
        startV2ray("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                               "settings": {"udp": true, "ip": "127.0.0.1"}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(v2Port), v2Port);
        try (Side vtool = vtool("""
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"udp": true}}],
                 "outbounds": [{"tag": "up", "protocol": "socks", "settings": {"servers": [
                     {"address": "127.0.0.1", "port": %d}]}}]}
                """.formatted(vtPort, v2Port));
             SocksUdpClient client = new SocksUdpClient(vtPort)) {
            String[] answer = client.roundTrip(origin.udpPort(), "through-v2ray");
            assertEquals(String.valueOf(origin.udpPort()), answer[0]);
            assertEquals("echo:through-v2ray", answer[1], vtool.log());
        }
    }
}
