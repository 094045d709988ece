package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `vtool run` under SIGTERM and SIGINT, as systemd and a terminal send them: the listener closes at once, a
 * live connection may finish its transfer, and the process exits 0 (V2Ray's status; 143 would mark a
 * systemd unit failed). A connection that does not finish is cut after the grace period.
 */
class StopSignalProcessTest {
    private static final Duration GRACE = RunCommand.GRACE;

    @TempDir
    Path dir;

    private VtoolProcess startSocksProxy(int port) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(port));
        return VtoolProcess.start(dir.resolve("vtool.log"), "run", "-c", config.toString()).awaitListening(port);
    }

    /** SOCKS5 CONNECT to 127.0.0.1:target through the proxy. */
    private static Socket connectThrough(int socksPort, int target) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", socksPort), 5000);
        s.setSoTimeout(15_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(new byte[] {5, 1, 0});
        assertEquals(5, in.read());
        assertEquals(0, in.read());
        out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (target >> 8), (byte) target});
        byte[] reply = in.readNBytes(10);
        assertEquals(0, reply[1], "SOCKS CONNECT refused");
        return s;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void sigtermLetsALiveTransferFinishThenExitsZero() throws Exception {
        int port = FreePort.next();
        CountDownLatch sendRest = new CountDownLatch(1);
        try (ServerSocket origin = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             VtoolProcess vtool = startSocksProxy(port)) {
            Thread server = new Thread(() -> {
                try (Socket c = origin.accept()) {
                    c.getOutputStream().write("first\n".getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                    if (sendRest.await(20, TimeUnit.SECONDS)) {
                        c.getOutputStream().write("second\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (Exception e) {
                    // the assertions on what the client received report it
                }
            }, "origin");
            server.start();
            try (Socket client = connectThrough(port, origin.getLocalPort())) {
                InputStream in = client.getInputStream();
                assertEquals("first\n", new String(in.readNBytes(6), StandardCharsets.US_ASCII));

                vtool.signal("TERM");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (accepts(port) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertFalse(accepts(port), "the listener must close on SIGTERM");
                assertTrue(vtool.process.isAlive(), "vtool must wait for the live connection");

                sendRest.countDown();
                assertEquals("second\n", new String(in.readNBytes(7), StandardCharsets.US_ASCII),
                        "the live transfer must finish after SIGTERM");
                assertEquals(-1, in.read(), "the origin's close reaches the client");
            }
            assertTrue(vtool.process.waitFor(GRACE.toSeconds() + 10, TimeUnit.SECONDS), vtool.output());
            assertEquals(0, vtool.process.exitValue(), vtool.output());
            assertTrue(vtool.output().contains("received SIGTERM"), vtool.output());
            server.join(5000);
        }
    }

    @Test
    void sigintCutsAStuckConnectionAfterTheGracePeriodAndExitsZero() throws Exception {
        int port = FreePort.next();
        try (ServerSocket origin = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             VtoolProcess vtool = startSocksProxy(port);
             Socket client = connectThrough(port, origin.getLocalPort());
             Socket stuck = origin.accept()) {
            long start = System.nanoTime();
            vtool.signal("INT");
            assertEquals(-1, client.getInputStream().read(), "the stuck connection is closed in the end");
            assertTrue(vtool.process.waitFor(GRACE.toSeconds() + 10, TimeUnit.SECONDS), vtool.output());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(0, vtool.process.exitValue(), vtool.output());
            assertTrue(waited >= GRACE.toMillis() - 500, "cut after " + waited + " ms, before the grace period");
            assertTrue(waited < GRACE.toMillis() + 8000, "took " + waited + " ms");
            assertTrue(vtool.output().contains("received SIGINT"), vtool.output());
        }
    }

    @Test
    void idleProxyStopsPromptly() throws Exception {
        int port = FreePort.next();
        try (VtoolProcess vtool = startSocksProxy(port)) {
            long start = System.nanoTime();
            vtool.signal("TERM");
            assertTrue(vtool.process.waitFor(10, TimeUnit.SECONDS), vtool.output());
            assertEquals(0, vtool.process.exitValue(), vtool.output());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 4000, "nothing to drain");
        }
    }
}
