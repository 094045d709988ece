package dev.vtool.cli.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    /** The largest heap occupancy before a collection, from -Xlog:gc ("Pause Young ... 70M->3M(247M)"). */
    private static String peakHeap(Path gcLog) throws IOException {
        long peak = 0;
        var m = java.util.regex.Pattern.compile(" (\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
        int collections = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
            collections++;
        }
        return collections + " collections, heap peak " + peak + " MiB";
    }
}
