package dev.vtool.cli.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The memory bound of {@code vtool diagnose}, proven rather than timed: a 2.2 GB log, made on the fly
 * and piped into a separate {@code java -Xmx256m} running the CLI (nothing on disk), is diagnosed to
 * the end with every count exact. Before streaming, diagnose died with an OutOfMemoryError at 100 MB
 * under this heap.
 */
@Tag("slow")
class DiagnoseMemoryBoundTest {
    /** More than 2 GiB, so an int byte or line counter somewhere would show. */
    private static final long LOG_BYTES = 2_200_000_000L;
    private static final long TIMEOUT_SECONDS = 600;

    @Test
    void multiGigabyteLogThroughStdinInA256MiBHeap(@TempDir Path tmp) throws Exception {
        GeneratedV2rayLog log = new GeneratedV2rayLog(19);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = tmp.resolve("stderr.txt");
        Path gcLog = tmp.resolve("gc.txt");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-Xlog:gc:file=" + gcLog,
                "-cp", System.getProperty("java.class.path"), "dev.vtool.cli.Main", "diagnose", "--format", "json", "-")
                .redirectError(stderr.toFile())
                .start();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return child.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        long start = System.nanoTime();
        long lines;
        try (OutputStream in = child.getOutputStream()) {
            lines = log.writeTo(in, LOG_BYTES);
        }
        boolean ended = child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String err = Files.readString(stderr);
        assertTrue(ended, "diagnose did not finish within " + TIMEOUT_SECONDS + " s; stderr: " + err);
        assertEquals(1, child.exitValue(), "exit 1 (problems found), stderr: " + err);
        assertTrue(err.isEmpty(), "nothing on stderr (no OutOfMemoryError): " + err);

        JsonNode report = JsonMapper.shared().readTree(new String(stdout.get(), StandardCharsets.UTF_8));
        Map<String, Long> expected = new TreeMap<>(log.expected(lines));
        Map<String, Long> actual = new TreeMap<>();
        for (JsonNode e : report.get("entries")) {
            actual.put(e.get("id").asString(), e.get("count").asLong());
        }
        JsonNode summary = report.get("summary");
        actual.put(GeneratedV2rayLog.ROUTINE, summary.get("routine").asLong());
        actual.put(GeneratedV2rayLog.UNRECOGNISED, summary.get("unrecognised").asLong());
        assertEquals(expected, actual, "count per cause");
        assertEquals(lines, summary.get("lines").asLong());
        assertEquals(2, report.get("unrecognised").size(), "two shapes of unknown lines, numbers and IPs masked");

        System.out.printf("diagnose: %,d bytes (%,d lines) in %.1f s = %.0f MB/s through a pipe with -Xmx256m;"
                + " GC log: %s%n", LOG_BYTES, lines, seconds, LOG_BYTES / 1e6 / seconds, peakHeap(gcLog));
    }

    @Test
    void aSingleLineOfAHundredMegabytesInA64MiBHeap(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = tmp.resolve("stderr.txt");
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main", "diagnose", "--format", "json", "-")
                .redirectError(stderr.toFile())
                .start();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return child.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        try (OutputStream in = child.getOutputStream()) {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) '7');
            in.write("2026/11/25 09:00:00 [Warning] [1] v2ray.com/core/proxy/vmess/inbound: huge ".getBytes(
                    StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                in.write(chunk);
            }
            in.write(("\n2026/11/25 09:00:01 [Info] [2] v2ray.com/core/app/proxyman/inbound: connection ends >"
                    + " v2ray.com/core/proxy/vmess/inbound: connection ends > context canceled\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "diagnose finished");
        String err = Files.readString(stderr);
        assertEquals(0, child.exitValue(), "stderr: " + err);
        JsonNode report = JsonMapper.shared().readTree(new String(stdout.get(), StandardCharsets.UTF_8));
        assertEquals(2, report.get("summary").get("lines").asLong());
        assertEquals("context-canceled", report.get("entries").get(0).get("id").asString());
        assertEquals(1, report.get("summary").get("unrecognised").asLong(), "the huge line, diagnosed by its start");
    }

    /**
     * From -Xlog:gc ("Pause Young ... 70M->3M(247M)"): the most heap left in use after a collection
     * (what the diagnosis keeps alive) and the most in use before one (garbage included).
     */
    private static String peakHeap(Path gcLog) throws IOException {
        long before = 0;
        long after = 0;
        var m = Pattern.compile(" (\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
        int collections = 0;
        while (m.find()) {
            before = Math.max(before, Long.parseLong(m.group(1)));
            after = Math.max(after, Long.parseLong(m.group(2)));
            collections++;
        }
        return collections + " collections, at most " + after + " MiB live after one, " + before
                + " MiB in use before one";
    }
}
