package dev.vtool.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.SocketProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/spec/security.md tests a-f against the real `vtool run` process (the cli's Main in a separate JVM) serving
 * VMess on loopback with {@code policy.handshake = 3 s}: garbage, floods, slowloris, replays, stale and
 * tampered handshakes and every malformed option get zero bytes back, never an upstream dial, and
 * never take the process down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Tag("slow") // starts vtool processes; the full suite runs it, -Punit does not
class HostileVmessProcessTest {
    private static final int HANDSHAKE_SECONDS = 3;
    @TempDir
    static Path dir;
    private static Process process;
    private static int port;
    private static LoopbackServices echo;
    private static Path log;

    @BeforeAll
    static void start() throws Exception {
        echo = new LoopbackServices();
        port = FreePort.next();
        Path config = dir.resolve("server.json");
        Files.writeString(config, """
                {"log": {"loglevel": "info"},
                 "policy": {"levels": {"0": {"handshake": %d}}},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(HANDSHAKE_SECONDS, port, VmessWire.ID));
        log = dir.resolve("vtool.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main", "run", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("vtool run did not listen: " + Files.readString(log));
    }

    @AfterAll
    static void stop() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (echo != null) {
            echo.close();
        }
    }

    private static void assertServing() throws Exception {
        assertTrue(process.isAlive(), "vtool run died: " + Files.readString(log));
        assertEquals("ping", VmessWire.echo(port, echo.port(), "ping"), "a valid request must still be served");
    }

    private static int openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return (int) s.count();
        }
    }

    private static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** Used heap of the server process after a full GC, via jcmd (KiB); -1 when jcmd is unavailable. */
    private static long heapUsedKib() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        String pid = String.valueOf(process.pid());
        Process gc = new ProcessBuilder(jcmd.toString(), pid, "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(10, TimeUnit.SECONDS);
        Process info = new ProcessBuilder(jcmd.toString(), pid, "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor(10, TimeUnit.SECONDS);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Test a: garbage of each size gets nothing back; closes at the deadline, or at once past the budget. */
    @Test
    @Order(1)
    void garbageOfEverySizeGetsZeroBytesAndClosesOnlyAtTheDeadlineOrPastTheBudget() throws Exception {
        int[] sizes = {0, 1, 15, 16, 17, 64, 4096};
        ExecutorService pool = Executors.newFixedThreadPool(sizes.length);
        try {
            List<Future<SocketProbe.Outcome>> outcomes = new ArrayList<>();
            for (int size : sizes) {
                outcomes.add(pool.submit(() -> VmessWire.probe(port, VmessWire.random(size), 6000)));
            }
            for (int i = 0; i < sizes.length; i++) {
                SocketProbe.Outcome o = outcomes.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(0, o.bytes(), sizes[i] + " garbage bytes were answered");
                assertTrue(o.closed(), sizes[i] + " bytes: still open after 6 s, deadline is 3 s");
                boolean atDeadline = o.millis() >= HANDSHAKE_SECONDS * 1000 - 300 && o.millis() < HANDSHAKE_SECONDS * 1000 + 1500;
                boolean pastBudget = o.millis() < 1000 && sizes[i] >= 54; // the drain budget is at least 54 bytes
                assertTrue(atDeadline || pastBudget, sizes[i] + " bytes: closed after " + o.millis() + " ms");
                if (sizes[i] < 54) {
                    assertTrue(atDeadline, sizes[i] + " bytes are below every budget, closed after " + o.millis() + " ms");
                }
                if (sizes[i] == 4096) {
                    assertTrue(pastBudget, "4096 bytes exceed every budget (max 3382), closed after " + o.millis() + " ms");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertServing();
    }

    /** Tests d: every rejected first flight gets zero bytes and never reaches the upstream. */
    @Test
    @Order(2)
    void replaysStaleStampsTamperingAndCorruptAuthIdAreRejectedWithoutAnUpstreamDial() throws Exception {
        int target = echo.port();
        long now = VmessWire.now();
        byte[] valid = VmessWire.header(target, now);
        byte[] future = VmessWire.header(target, now + 100);
        int before = echo.accepted();
        assertTrue(VmessWire.probe(port, valid, 1500).bytes() > 0, "the first use is answered");
        assertTrue(VmessWire.probe(port, future, 1500).bytes() > 0, "a handshake stamped +100 s is inside the window");
        assertTrue(waitAccepted(before + 2), "positive controls must reach the upstream");
        int dialled = echo.accepted();

        byte[] tampered = valid.clone();
        tampered[50] ^= 0x01;
        byte[] corruptAuth = VmessWire.header(target, now);
        corruptAuth[3] ^= 0x01;
        Thread.sleep(1500); // a later replay of the future-stamped one: still inside its window
        List<byte[]> rejected = List.of(valid, future, VmessWire.header(target, now - 150),
                VmessWire.header(target, now + 150), tampered, corruptAuth);
        for (int i = 0; i < rejected.size(); i++) {
            byte[] flight = concat(rejected.get(i), VmessWire.random(4096)); // past any drain budget
            SocketProbe.Outcome o = VmessWire.probe(port, flight, 3000);
            assertEquals(0, o.bytes(), "case " + i + " got bytes back");
            assertTrue(o.closed() && o.millis() < 2000, "case " + i + " held open " + o.millis() + " ms");
        }
        Thread.sleep(300);
        assertEquals(dialled, echo.accepted(), "a rejected handshake reached the upstream");
        assertServing();
    }

    /** Tests e: malformed authenticated requests end their own connection; the process lives on. */
    @Test
    @Order(3)
    void everyMalformedOptionSecurityCommandAndAddressLeavesTheProcessServing() throws Exception {
        List<byte[]> flights = new ArrayList<>();
        for (int options = 0; options < 256; options++) {
            flights.add(VmessWire.shaped(options, 3, 1, 1, echo.port()));
        }
        for (int security = 0; security < 16; security++) {
            flights.add(VmessWire.shaped(0x08, security, 1, 1, echo.port())); // GlobalPadding without masking
            flights.add(VmessWire.shaped(0x0D, security, 2, 1, echo.port()));
        }
        for (int command : new int[] {0, 3, 4, 255}) {
            flights.add(VmessWire.shaped(0x05, 3, command, 1, echo.port()));
        }
        for (int type : new int[] {0, 4, 5, 200, 255}) {
            flights.add(VmessWire.shaped(0x05, 3, 1, type, echo.port()));
        }
        // a valid header followed by a garbage 0xFFFF chunk length
        flights.add(concat(VmessWire.header(echo.port(), VmessWire.now()), new byte[] {(byte) 0xFF, (byte) 0xFF}));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<SocketProbe.Outcome>> all = new ArrayList<>();
            for (byte[] f : flights) {
                all.add(pool.submit(() -> VmessWire.probe(port, concat(f, VmessWire.random(4096)), 300)));
            }
            for (Future<SocketProbe.Outcome> o : all) {
                o.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertServing();
        String out = Files.readString(log);
        assertTrue(!out.contains("Exception") || !out.contains("\tat "), "a stack trace in the log:\n" + out);
    }

    /** Tests b and c: a garbage flood and slowloris; fds return to baseline and the deadline is absolute. */
    @Test
    @Order(4)
    void floodAndSlowlorisLeaveItServingAndReturnFdsToBaseline() throws Exception {
        assertServing();
        Thread.sleep(500);
        int fdBaseline = openFds();
        long rssBefore = rssKib();
        long heapBefore = heapUsedKib();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        long floodStart = System.nanoTime();
        try {
            List<Future<SocketProbe.Outcome>> all = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                all.add(pool.submit(() -> VmessWire.probe(port, VmessWire.random(4096), 3000)));
            }
            for (Future<SocketProbe.Outcome> f : all) {
                assertEquals(0, f.get(60, TimeUnit.SECONDS).bytes(), "a garbage connection got bytes back");
            }
        } finally {
            pool.shutdownNow();
        }
        long floodMs = (System.nanoTime() - floodStart) / 1_000_000;

        // 200 slowloris connections trickle one byte every 500 ms; all must be closed at the 3 s deadline
        List<SocketChannel> slow = new ArrayList<>();
        long[] closedAt = new long[200];
        long start = System.nanoTime();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < 200; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, i);
                slow.add(ch);
            }
            assertServing(); // mid-attack
            int open = 200;
            long nextTrickle = 0;
            ByteBuffer sink = ByteBuffer.allocate(256);
            while (open > 0 && System.nanoTime() - start < 8_000_000_000L) {
                if (System.nanoTime() >= nextTrickle) {
                    for (int i = 0; i < 200; i++) {
                        if (closedAt[i] == 0) {
                            try {
                                slow.get(i).write(ByteBuffer.wrap(new byte[] {1}));
                            } catch (IOException closed) {
                                // seen by the selector as well
                            }
                        }
                    }
                    nextTrickle = System.nanoTime() + 500_000_000L;
                }
                selector.select(50);
                for (SelectionKey k : selector.selectedKeys()) {
                    int i = (Integer) k.attachment();
                    sink.clear();
                    int n;
                    try {
                        n = ((SocketChannel) k.channel()).read(sink);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    assertTrue(n <= 0, "a slowloris connection got bytes back");
                    if (n < 0 && closedAt[i] == 0) {
                        closedAt[i] = System.nanoTime();
                        k.cancel();
                        open--;
                    }
                }
                selector.selectedKeys().clear();
            }
            assertEquals(0, open, open + " slowloris connections outlived the 3 s handshake deadline");
            for (long t : closedAt) {
                long ms = (t - start) / 1_000_000;
                assertTrue(ms >= HANDSHAKE_SECONDS * 1000 - 500 && ms < HANDSHAKE_SECONDS * 1000 + 2500,
                        "a trickling connection closed after " + ms + " ms");
            }
        } finally {
            for (SocketChannel ch : slow) {
                ch.close();
            }
        }
        assertServing();
        int fds = openFds();
        for (int i = 0; i < 50 && fds > fdBaseline + 5; i++) {
            Thread.sleep(100);
            fds = openFds();
        }
        long heapAfter = heapUsedKib();
        System.out.printf("flood: 1000 garbage connections in %d ms; fds %d -> %d; RSS %d -> %d KiB;"
                + " heap after GC %d -> %d KiB%n", floodMs, fdBaseline, fds, rssBefore, rssKib(), heapBefore, heapAfter);
        assertTrue(fds <= fdBaseline + 5, "fds " + fdBaseline + " before, " + fds + " after");
        if (heapBefore > 0 && heapAfter > 0) {
            assertTrue(heapAfter < heapBefore + 8 * 1024, "heap grew from " + heapBefore + " to " + heapAfter + " KiB");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        long rejectionLines = out.lines().filter(l -> l.contains("invalid request from")).count();
        assertTrue(rejectionLines < 600, rejectionLines + " rejection lines for ~1500 probes: not rate-limited");
    }

    private static boolean waitAccepted(int n) throws InterruptedException {
        for (int i = 0; i < 100 && echo.accepted() < n; i++) {
            Thread.sleep(30);
        }
        return echo.accepted() >= n;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
