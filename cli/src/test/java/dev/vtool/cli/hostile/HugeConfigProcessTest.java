package dev.vtool.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated configs far beyond normal size, linted in a child JVM with a 256 MiB heap: lint finishes
 * (exit 0 or 1, never an internal error or a stack trace) and prints a few KB per finding however long the
 * line. Inputs live in a temp dir that JUnit deletes.
 */
@Tag("slow")
class HugeConfigProcessTest {
    private static final long TIMEOUT_S = 300;

    @TempDir
    Path dir;

    record Run(int exit, long outBytes, String err, String out) {
    }

    private Run lint(Path config) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main", "lint", "--color", "never", config.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("lint of " + config + " took more than " + TIMEOUT_S + " s");
        }
        long size = Files.size(out);
        String head = size < 100_000 ? Files.readString(out) : "(" + size + " bytes)";
        Run r = new Run(p.exitValue(), size, Files.readString(err), head);
        Files.deleteIfExists(config);
        return r;
    }

    private static void assertFinished(Run r) {
        assertTrue(r.exit() == 0 || r.exit() == 1, "exit " + r.exit() + "\n" + r.err() + "\n" + r.out());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void fiftyMegabytesOnOneLine() throws Exception {
        Path config = dir.resolve("one-line.json");
        try (BufferedWriter w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            w.write("{\"inbounds\":[{\"port\":1080,\"protocol\":\"socks\",\"settings\":{\"auth\":\"noauth\"}}],"
                    + "\"outbounds\":[{\"protocol\":\"freedom\",\"tag\":\"direct\"},{\"protocol\":\"vmss\"}],"
                    + "\"routing\":{\"rules\":[{\"type\":\"field\",\"outboundTag\":\"direct\",\"domain\":[");
            long written = 0;
            for (int i = 0; written < 50_000_000L; i++) {
                String d = (i == 0 ? "" : ",") + "\"domain:host" + i + ".example.com\"";
                w.write(d);
                written += d.length();
            }
            w.write("]}]}}");
        }
        assertTrue(Files.size(config) >= 50_000_000L);
        Run r = lint(config);
        assertFinished(r);
        assertEquals(1, r.exit(), r.out());
        long findings = r.out().lines().filter(l -> l.contains(": error: ") || l.contains(": warning: ")
                || l.contains(": info: ")).count();
        assertTrue(findings >= 2, r.out());
        assertTrue(r.outBytes() < 3_000 * findings + 200, r.outBytes() + " bytes for " + findings + " findings");
    }

    @Test
    void aTwentyMegabyteStringValue() throws Exception {
        Path config = dir.resolve("string.json");
        String huge = "a".repeat(20_000_000);
        Files.writeString(config, "{\"log\":{\"loglevel\":\"" + huge + "\"},\"outbounds\":[{\"protocol\":\"freedom\",\"tag\":\""
                + huge + "\"}]}");
        Run r = lint(config);
        assertFinished(r);
        assertTrue(r.outBytes() < 10_000, r.outBytes() + " bytes");
    }

    @Test
    void aMillionKeys() throws Exception {
        Path config = dir.resolve("keys.json");
        try (BufferedWriter w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            w.write("{\"outbounds\":[{\"protocol\":\"freedom\"}],\"x\":{");
            for (int i = 0; i < 1_000_000; i++) {
                w.write((i == 0 ? "" : ",") + "\"k" + i + "\":" + i);
            }
            w.write("}}");
        }
        Run r = lint(config);
        assertFinished(r);
        assertTrue(r.outBytes() < 10_000, r.outBytes() + " bytes");
    }
}
