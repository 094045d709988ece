package dev.vtool.engine.dns;

import static org.junit.jupiter.api.Assertions.fail;

import dev.vtool.engine.testkit.InteropCell;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real dnsmasq on 127.0.0.1 and an ephemeral port, with its own config in a temp dir: no upstream, no
 * hosts file, the given {@code --address} answers, every query logged to a file the test reads. Skipped
 * without dnsmasq, except under CI=true, where that fails.
 */
public final class Dnsmasq implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");
    private final Path dir;
    private final Path logFile;
    private final Process process;
    private final int port;

    /** @param addresses {@code /example.test/10.0.0.1} forms, as dnsmasq's {@code --address} */
    public Dnsmasq(int localTtl, String... addresses) throws Exception {
        InteropCell.require(BINARY.toString(), "dnsmasq"); // skip, or fail under CI=true
        dir = Files.createTempDirectory("vtool-dnsmasq");
        logFile = dir.resolve("queries.log");
        Process started = null;
        int bound = 0;
        for (int attempt = 0; attempt < 3 && started == null; attempt++) {
            int p = freeUdpPort();
            List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--conf-file=/dev/null", "--port=" + p,
                    "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                    "--log-queries", "--log-facility=" + logFile, "--keep-in-foreground",
                    "--pid-file=" + dir.resolve("dnsmasq.pid"), "--local-ttl=" + localTtl, "--cache-size=0"));
            for (String a : addresses) {
                cmd.add("--address=" + a);
            }
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            if (awaitListening(proc, p)) {
                started = proc;
                bound = p;
            } else {
                proc.destroy();
                proc.waitFor(2, TimeUnit.SECONDS);
            }
        }
        if (started == null) {
            fail("dnsmasq did not start: " + Files.readString(dir.resolve("stdout.log")));
        }
        process = started;
        port = bound;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /** Started when the log says so (dnsmasq writes "started" once it listens) and the process lives. */
    private boolean awaitListening(Process proc, int p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            if (!proc.isAlive()) {
                return false;
            }
            if (Files.exists(logFile) && Files.readString(logFile).contains("started")) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    public int port() {
        return port;
    }

    /** The queries dnsmasq has logged so far, as {@code A www.example.test} / {@code AAAA www.example.test}. */
    public List<String> queries() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(logFile)) {
            return out;
        }
        for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
            int q = line.indexOf(" query[");
            if (q < 0) {
                continue;
            }
            int close = line.indexOf(']', q);
            int from = line.indexOf(" from ", close);
            out.add(line.substring(q + 7, close) + " " + line.substring(close + 2, from < 0 ? line.length() : from));
        }
        return out;
    }

    /** Waits (bounded) until at least {@code n} queries are logged; dnsmasq writes its log asynchronously. */
    public List<String> awaitQueries(int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        List<String> q = queries();
        while (q.size() < n && System.nanoTime() < end) {
            Thread.sleep(20);
            q = queries();
        }
        return q;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
