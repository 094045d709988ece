package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code proxySettings} chain meets its two ends without a TCP port: at the moment the pair's listener is
 * open, the only TCP listeners the process has added are its inbounds' (from /proc/net/tcp{,6}); the meeting
 * point is a unix socket of this process in a 0700 directory, gone once the pair is made; and the request
 * still crosses the chain.
 */
@ExtendWith(LeakCheck.class)
class ProxyChainPrivacyTest {
    /** What the process looked like while one pair's listener was open. */
    private record Moment(Path socket, Set<Integer> tcpListeners, List<Path> unixSockets, String dirMode) {
    }

    @Test
    void theChainsMeetingPointIsAPrivateUnixSocketNotATcpPort() throws Exception {
        Assumptions.assumeTrue(OwnSockets.available(), "needs Linux's /proc");
        int in1 = FreePort.next();
        int in2 = FreePort.next();
        Set<Integer> before = OwnSockets.listeningTcpPorts();
        List<Moment> moments = new CopyOnWriteArrayList<>();
        ProxyChainDialer.whileListening = socket -> {
            try {
                moments.add(new Moment(socket, OwnSockets.listeningTcpPorts(), OwnSockets.unixSocketPaths(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try (TestOrigin origin = new TestOrigin();
             EngineHarness vtool = new EngineHarness("""
                     {"inbounds": [{"tag": "in1", "listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                                   {"tag": "in2", "listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                      "outbounds": [
                        {"tag": "direct", "protocol": "freedom"},
                        {"tag": "up", "protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d}]},
                         "proxySettings": {"tag": "hop"}},
                        {"tag": "hop", "protocol": "socks", "settings": {"servers": [{"address": "127.0.0.1", "port": %d}]}}],
                      "routing": {"rules": [{"type": "field", "inboundTag": ["in1"], "outboundTag": "up"}]}}
                     """.formatted(in1, in2, in2, in2))) {
            Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + in1,
                    "http://localhost:" + origin.httpPort() + "/hello");
            assertEquals(0, r.exit(), r.err() + vtool.log());
            assertTrue(r.out().startsWith("hello from origin"), "the bytes crossed the chain: " + r.out());

            assertEquals(1, moments.size(), "one chained connection, one meeting point");
            Moment m = moments.get(0);
            Set<Integer> added = new java.util.TreeSet<>(m.tcpListeners());
            added.removeAll(before);
            assertEquals(Set.of(in1, in2, origin.httpPort()), added,
                    "TCP listeners while the pair was being made: only the inbounds' (and the test's origin)");
            assertTrue(m.unixSockets().contains(m.socket()), "the meeting point is this process's unix socket: "
                    + m.unixSockets());
            assertEquals("rwx------", m.dirMode(), "its directory is private");
            assertFalse(Files.exists(m.socket().getParent()), "the directory is gone once the pair is made");
        } finally {
            ProxyChainDialer.whileListening = null;
        }
    }
}
