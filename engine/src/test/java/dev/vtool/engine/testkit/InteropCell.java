package dev.vtool.engine.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.engine.EngineHarness;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What every interop cell needs around its configs: a temp dir, a TCP origin that checks bytes both ways
 * (SHA-256 of the upload at the origin, the download byte for byte at the client), a UDP echo, and the
 * sides of the cell (vtool engines, v2ray, third-party peers such as trojan-gfw or ss-server) started on
 * loopback and stopped together. A missing peer binary skips the test with the package to install, or fails
 * it under CI=true ({@link #require}). Typical use: one cell per test class,
 * {@code cell = InteropCell.open("name", DOWN)} in {@code @BeforeAll}, {@code cell.close()} in
 * {@code @AfterAll}; servers kept for the class stay open, a test's clients go in try-with-resources.
 */
public final class InteropCell implements AutoCloseable {
    /** How long one TCP exchange or UDP answer may take on a loaded machine. */
    public static final int TIMEOUT_MILLIS = 30_000;
    private static final int LOG_TAIL = 20_000;

    private final Path dir;
    private final TwoWayOrigin origin;
    private final UdpEcho echo;
    private final List<Side> open = new ArrayList<>();

    private InteropCell(Path dir, TwoWayOrigin origin, UdpEcho echo) {
        this.dir = dir;
        this.origin = origin;
        this.echo = echo;
    }

    /** A temp dir named after the cell, an origin that sends {@code downloadBytes} back, and a UDP echo. */
    public static InteropCell open(String name, int downloadBytes) throws Exception {
        Path dir = Files.createTempDirectory(name);
        TwoWayOrigin origin = new TwoWayOrigin(downloadBytes);
        try {
            return new InteropCell(dir, origin, new UdpEcho());
        } catch (Exception e) {
            origin.close();
            throw e;
        }
    }

    /** The peer binary, or skip (locally) / fail (CI=true) the calling test. */
    public static Path require(String binary, String debianPackage) {
        return PeerProcess.require(binary, debianPackage);
    }

    /** The v2ray binary, or skip / fail as {@link #require}. */
    public static Path requireV2ray() {
        return V2rayBinary.require();
    }

    public Path dir() {
        return dir;
    }

    public TwoWayOrigin origin() {
        return origin;
    }

    public int originPort() {
        return origin.port();
    }

    public int echoPort() {
        return echo.port();
    }

    /** Writes a peer's config (or any file) into the cell's dir. */
    public Path write(String fileName, String text) throws IOException {
        return Files.writeString(dir.resolve(fileName), text, StandardCharsets.UTF_8);
    }

    /** vtool's engine in this JVM on {@code json}. */
    public Side vtool(String name, String json, LogLevel level) throws Exception {
        EngineHarness h = new EngineHarness(json, level);
        return add(new Side(name, h, h::log, h));
    }

    /** A real v2ray 4.34 on {@code json}, once it listens on {@code port}. */
    public Side v2ray(String name, String json, int port) throws Exception {
        V2rayProcess p = V2rayProcess.start(dir, name, json, port);
        return add(new Side(name, p, () -> output(p::output), null));
    }

    /** A third-party peer: {@code binary args...} in the cell's dir, once it listens on {@code port}. */
    public Side peer(String name, String binary, String debianPackage, List<String> args, int port) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(require(binary, debianPackage).toString());
        cmd.addAll(args);
        PeerProcess p = PeerProcess.start(dir, name, cmd, port);
        return add(new Side(name, p, () -> output(p::output), null));
    }

    private Side add(Side side) {
        synchronized (open) {
            open.add(side);
        }
        side.cell = this;
        return side;
    }

    /**
     * One TCP exchange through the SOCKS5 proxy on {@code socksPort}: null when both directions arrived
     * intact, else what went wrong (a refused or reset connection included).
     */
    public String tcpFailure(int socksPort, byte[] upload) {
        return tcpFailure(socksPort, upload, TIMEOUT_MILLIS);
    }

    /** The same with its own read timeout: short where the exchange must fail, long for slow transports. */
    public String tcpFailure(int socksPort, byte[] upload, int timeoutMillis) {
        try {
            return origin.exchange(socksPort, upload, timeoutMillis);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** {@code connections} TCP exchanges in a row through the proxy, each checked both ways. */
    public void assertTcp(int socksPort, byte[] upload, int connections) {
        assertTcp(socksPort, upload, connections, TIMEOUT_MILLIS);
    }

    /** The same with its own read timeout. */
    public void assertTcp(int socksPort, byte[] upload, int connections, int timeoutMillis) {
        for (int i = 0; i < connections; i++) {
            String failure = tcpFailure(socksPort, upload, timeoutMillis);
            int n = i + 1;
            assertNull(failure, () -> "connection " + n + " through socks port " + socksPort + logs());
        }
    }

    /** Each datagram sent through the proxy's SOCKS5 UDP ASSOCIATE to the echo must come back unchanged. */
    public void assertUdp(int socksPort, byte[]... datagrams) throws Exception {
        try (Socks5Udp udp = new Socks5Udp(socksPort)) {
            for (byte[] d : datagrams) {
                assertArrayEquals(d, udp.exchange(echo.port(), d), () -> d.length + "-byte datagram through socks port "
                        + socksPort + logs());
            }
        }
    }

    /** The tails of the logs of every side still open: for assertion messages. */
    public String logs() {
        List<Side> sides;
        synchronized (open) {
            sides = List.copyOf(open);
        }
        StringBuilder b = new StringBuilder();
        for (Side s : sides) {
            String log = s.log();
            b.append("\n--- ").append(s.name()).append(":\n")
                    .append(log.length() > LOG_TAIL ? "..." + log.substring(log.length() - LOG_TAIL) : log);
        }
        return b.toString();
    }

    /** Stops every side still open (last started first), the origin and the echo, and deletes the dir. */
    @Override
    public void close() throws IOException {
        List<Side> sides;
        synchronized (open) {
            sides = new ArrayList<>(open);
        }
        RuntimeException failed = null;
        for (int i = sides.size() - 1; i >= 0; i--) {
            try {
                sides.get(i).close();
            } catch (RuntimeException e) { // stop the others anyway
                failed = failed == null ? e : failed;
            }
        }
        origin.close();
        echo.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static String output(IoSupplier out) {
        try {
            return out.get();
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private interface IoSupplier {
        String get() throws IOException;
    }

    /** One process or engine of a cell; closing it twice is harmless. */
    public static final class Side implements AutoCloseable {
        private final String name;
        private final AutoCloseable running;
        private final Supplier<String> log;
        private final EngineHarness engine;
        private InteropCell cell;
        private boolean closed;

        private Side(String name, AutoCloseable running, Supplier<String> log, EngineHarness engine) {
            this.name = name;
            this.running = running;
            this.log = log;
            this.engine = engine;
        }

        public String name() {
            return name;
        }

        public String log() {
            return log.get();
        }

        /** Whether this side is vtool's engine (the others' logs say nothing about vtool's choices). */
        public boolean isVtool() {
            return engine != null;
        }

        /** The engine of a vtool side. */
        public EngineHarness engine() {
            if (engine == null) {
                throw new IllegalStateException(name + " is not a vtool engine");
            }
            return engine;
        }

        /** Waits (bounded) until the log contains {@code text}; logs are written after the client may be done. */
        public boolean awaitLog(String text, Duration max) throws InterruptedException {
            long end = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < end) {
                if (log().contains(text)) {
                    return true;
                }
                Thread.sleep(20);
            }
            return log().contains(text);
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                running.close();
            } catch (Exception e) {
                throw new IllegalStateException(name + " did not stop", e);
            } finally {
                if (cell != null) {
                    synchronized (cell.open) {
                        cell.open.remove(this);
                    }
                }
            }
        }
    }
}
