package dev.vtool.cli.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.cli.follow.FollowedFile;
import dev.vtool.cli.follow.LogFollower;
import dev.vtool.cli.output.DiagnosisTextFormatter;
import dev.vtool.schema.diagnose.DiagnosisTally;
import dev.vtool.schema.diagnose.Diagnoser;
import dev.vtool.schema.diagnose.TailorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diagnose --follow}: new causes once, counts, truncation and rotation, the report at the end. */
class DiagnoseFollowTest {
    private static final String INVALID_USER = "2026/11/25 09:12:44 [Info] [1] v2ray.com/core/app/proxyman/inbound:"
            + " connection ends > v2ray.com/core/proxy/vmess/inbound: invalid request from 198.51.100.23:51050 >"
            + " v2ray.com/core/proxy/vmess/encoding: invalid user > v2ray.com/core/proxy/vmess: Not Found\n";
    private static final String CANCELED = "2026/11/25 09:13:00 [Info] [2] v2ray.com/core/app/proxyman/inbound:"
            + " connection ends > v2ray.com/core/proxy/vmess/inbound: connection ends > context canceled\n";
    private static final String PORT_IN_USE = "2026/11/25 09:14:00 [Error] v2ray.com/core/app/proxyman/inbound:"
            + " failed to listen TCP on 1080 > v2ray.com/core/transport/internet: failed to listen on address:"
            + " 0.0.0.0:1080 > v2ray.com/core/transport/internet/tcp: failed to listen TCP on 0.0.0.0:1080 >"
            + " listen tcp 0.0.0.0:1080: bind: address already in use\n";
    private static final long WAIT_MILLIS = 20_000;

    /** Output that other threads write to, read safely. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            synchronized (stream) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void awaitTrue(Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting; output so far:\n" + what.get());
            }
            Thread.sleep(20);
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void followsAFileThroughTruncationAndRotationPrintingEachCauseOnce(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("error.log");
        append(log, INVALID_USER + INVALID_USER);
        Output out = new Output();
        List<String> notices = new ArrayList<>();
        DiagnosisTally tally = new Diagnoser().tally();
        DiagnosisTextFormatter text = new DiagnosisTextFormatter(false);
        LogFollower follower = new LogFollower(tally, out.stream, 200, g -> {
            out.stream.print("new: ");
            text.writeGroup(g, out.stream);
        }, t -> t.report(TailorContext.NONE), r -> {
            text.write(r, out.stream);
            return r.hasProblems() ? 1 : 0;
        });
        FollowedFile in = new FollowedFile(log, follower::stopping, 20, n -> {
            synchronized (notices) {
                notices.add(n);
            }
        });
        CompletableFuture<Integer> done = CompletableFuture.supplyAsync(() -> {
            try {
                return follower.follow(log.toString(), in);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        awaitTrue(() -> out.text().contains("[vmess-invalid-user]"), out::text);
        awaitTrue(() -> out.text().contains("counts after 2 lines: vmess-invalid-user 2"), out::text);

        append(log, INVALID_USER + CANCELED);
        awaitTrue(() -> out.text().contains("[context-canceled]"), out::text);
        awaitTrue(() -> out.text().contains("vmess-invalid-user 3 (+1)"), out::text);

        // copytruncate: the file starts again from nothing
        Files.writeString(log, "");
        awaitTrue(() -> notices.toString().contains("truncated"), notices::toString);
        append(log, CANCELED);
        awaitTrue(() -> out.text().contains("context-canceled 2 (+1)"), out::text);

        // logrotate's create: the old file moves away, a new one takes its name; a half-written line
        // in the old file ends there instead of gluing onto the new file's first line
        append(log, "2026/11/25 09:15:00 [Info] half a line");
        Files.move(log, tmp.resolve("error.log.1"), StandardCopyOption.ATOMIC_MOVE);
        append(log, PORT_IN_USE);
        awaitTrue(() -> out.text().contains("[port-in-use]"), out::text);
        synchronized (notices) {
            assertTrue(notices.toString().contains("replaced (rotated)"), notices.toString());
        }

        follower.stop();
        int code = done.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        String all = out.text();
        assertEquals(1, code, all);
        assertEquals(1, occurrences(all, "new: error: VMess server rejected a client (invalid user)"), all);
        assertEquals(1, occurrences(all, "new: info: connection closed (context canceled)"), "announced once: " + all);
        assertTrue(all.contains("error: VMess server rejected a client (invalid user) [vmess-invalid-user]\n"
                + "  3 times"), "the report at the end: " + all);
        assertTrue(all.contains("in 7 lines (6 recognised, 0 routine, 1 unrecognised)"), all);
        assertFalse(in.read(new byte[1], 0, 1) >= 0, "the stream ends once stopped");
    }

    @Test
    @Tag("slow") // starts a vtool process; the full suite runs it, -Punit does not
    void followingAPipeEndsWithTheReportWhenThePipeCloses() throws Exception {
        Process child = startDiagnose("--follow", "--interval", "1", "-");
        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write((INVALID_USER + CANCELED).getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            StringBuilder seen = new StringBuilder();
            readUntil(child, seen, "[context-canceled]");
            stdin.write(INVALID_USER.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(child.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS), "ends at the end of the pipe");
        String all = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, child.exitValue(), all);
        assertTrue(all.contains("2 times"), all);
    }

    @Test
    @Tag("slow") // starts a vtool process; the full suite runs it, -Punit does not
    void sigtermEndsAFollowWithTheReportAndTheUsualExitCode(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("error.log");
        append(log, PORT_IN_USE);
        Process child = startDiagnose("-f", log.toString());
        StringBuilder seen = new StringBuilder();
        readUntil(child, seen, "[port-in-use]");
        child.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its pipes)
        assertTrue(child.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS), "ends after SIGTERM");
        String all = seen + new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, child.exitValue(), all + err);
        assertTrue(all.contains("1 error, 0 warnings, 0 notes in 1 line"), all);
        assertFalse(err.contains("Exception"), err);
    }

    private static Process startDiagnose(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main", "diagnose", "--color=never"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    /** Reads the child's stdout until {@code marker} shows (bounded in time). */
    private static void readUntil(Process child, StringBuilder seen, String marker) throws Exception {
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            byte[] buf = new byte[8192];
            try {
                while (!seen.toString().contains(marker)) {
                    int n = child.getInputStream().read(buf);
                    if (n < 0) {
                        return;
                    }
                    seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        reading.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertTrue(seen.toString().contains(marker), seen.toString());
    }
}
