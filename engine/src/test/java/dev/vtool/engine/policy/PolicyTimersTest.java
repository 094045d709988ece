package dev.vtool.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayProcesses;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each timer of {@code policy.levels} fires at its value for the level it is set on, and not for another
 * level: handshake, connIdle, uplinkOnly, downlinkOnly. The same measurements run against vtool and the
 * real v2ray 4.34 with one config. 4.34 checks activity once per timeout period, so a timer fires between
 * one and two times its value; the windows below allow that, and are far apart from each other.
 */
@ExtendWith(LeakCheck.class)
class PolicyTimersTest {
    /** Level 1 (socks inbound "fast"): short timers; level 0 (socks inbound "slow"): the defaults. */
    private static final String CONFIG = """
            {"log": {"loglevel": "warning"},
             "policy": {"levels": {"1": {"handshake": 1, "connIdle": 4, "uplinkOnly": 1, "downlinkOnly": 1}}},
             "inbounds": [
               {"tag": "fast", "listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"userLevel": 1}},
               {"tag": "slow", "listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
             "outbounds": [{"protocol": "freedom"}]}
            """;

    @RegisterExtension
    final V2rayProcesses processes = new V2rayProcesses();

    @Test
    @Tag("slow")
    void vtoolFiresEachTimerOfTheUsersLevel() throws Exception {
        int fast = FreePort.next();
        int slow = FreePort.next();
        try (EngineHarness vtool = new EngineHarness(CONFIG.formatted(fast, slow), LogLevel.WARNING)) {
            measure(fast, slow);
        }
    }

    @Test
    @Tag("interop")
    void v2rayFiresTheSameTimers() throws Exception {
        int fast = FreePort.next();
        int slow = FreePort.next();
        Path dir = Files.createTempDirectory("vtool-policy");
        try {
            Path cfg = dir.resolve("v2ray.json");
            Files.writeString(cfg, CONFIG.formatted(fast, slow));
            Process p = processes.start(cfg, dir.resolve("v2ray.log"));
            V2rayProcesses.awaitListening(fast, p);
            V2rayProcesses.awaitListening(slow, p);
            measure(fast, slow);
        } finally {
            processes.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void measure(int fast, int slow) throws Exception {
        // handshake: a client that says nothing is dropped after 1 s at level 1, not at level 0 (60 s)
        try (Socket s = connect(fast)) {
            long ms = millisUntilEof(s.getInputStream(), 6_000);
            assertWithin("handshake", ms, 700, 2_800);
        }
        try (Socket s = connect(slow)) {
            s.setSoTimeout(2_500);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(),
                    "level 0 keeps its 60 s handshake");
        }
        try (Origin origin = new Origin(false)) {
            // connIdle: nothing moves either way; closed after 4 s (not 1: the one-way timers are not armed)
            try (Socket s = socksConnect(fast, origin.port())) {
                long ms = millisUntilEof(s.getInputStream(), 12_000);
                assertWithin("connIdle", ms, 3_500, 8_800);
            }
            // downlinkOnly: the client has finished sending (FIN); the silent server gets 1 s more
            try (Socket s = socksConnect(fast, origin.port())) {
                s.getOutputStream().write('x');
                s.shutdownOutput();
                long ms = millisUntilEof(s.getInputStream(), 12_000);
                assertWithin("downlinkOnly", ms, 700, 2_800);
            }
        }
        try (Origin origin = new Origin(true)) {
            // uplinkOnly: the server has finished sending (FIN); the silent client gets 1 s more
            try (Socket s = socksConnect(fast, origin.port())) {
                s.setSoTimeout(3_000);
                assertEquals(-1, s.getInputStream().read(), "the server's FIN travels to the client");
                long ms = origin.closedAfterHalfClose.get(12, TimeUnit.SECONDS);
                assertWithin("uplinkOnly", ms, 700, 2_800);
            }
        }
    }

    private static void assertWithin(String timer, long ms, long min, long max) {
        assertTrue(ms >= min && ms <= max, timer + " fired after " + ms + " ms, expected " + min + "-" + max);
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 3_000);
        return s;
    }

    private static long millisUntilEof(InputStream in, int maxMillis) throws IOException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        byte[] buf = new byte[256];
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buf) < 0) {
                    break;
                }
            } catch (java.net.SocketException e) {
                break; // reset: closed all the same
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A SOCKS5 CONNECT to 127.0.0.1:port through the inbound; returns the connected socket. */
    private static Socket socksConnect(int socksPort, int port) throws IOException {
        Socket s = connect(socksPort);
        s.setSoTimeout(12_000);
        s.getOutputStream().write(new byte[] {5, 1, 0});
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] method = new byte[2];
        in.readFully(method);
        s.getOutputStream().write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (port >> 8), (byte) port});
        byte[] reply = new byte[10];
        in.readFully(reply);
        assertEquals(0, reply[1], "socks connect");
        return s;
    }

    /**
     * A server that never sends; with {@code halfClose} it sends its FIN at once and times how long the
     * proxy keeps the connection after that.
     */
    private static final class Origin implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        final CompletableFuture<Long> closedAfterHalfClose = new CompletableFuture<>();
        private final Thread thread;

        Origin(boolean halfClose) throws IOException {
            thread = new Thread(() -> {
                try {
                    while (true) {
                        Socket c = server.accept();
                        held.add(c);
                        if (halfClose) {
                            c.shutdownOutput();
                            long start = System.nanoTime();
                            c.setSoTimeout(12_000);
                            millisUntilEof(c.getInputStream(), 12_000);
                            closedAfterHalfClose.complete((System.nanoTime() - start) / 1_000_000);
                        }
                    }
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            }, "policy-origin");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : held) {
                s.close();
            }
            thread.join(2_000);
        }
    }
}
