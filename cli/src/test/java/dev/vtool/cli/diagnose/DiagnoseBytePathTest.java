package dev.vtool.cli.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.cli.output.DiagnosisJsonFormatter;
import dev.vtool.cli.output.DiagnosisTextFormatter;
import dev.vtool.schema.diagnose.DiagnosisReport;
import dev.vtool.schema.diagnose.DiagnosisTally;
import dev.vtool.schema.diagnose.Diagnoser;
import dev.vtool.schema.diagnose.KbEntry;
import dev.vtool.schema.diagnose.KnowledgeBase;
import dev.vtool.schema.diagnose.LogLineParser;
import dev.vtool.schema.diagnose.LogLineReader;
import dev.vtool.testkit.V2rayBinary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The byte path of {@code diagnose} (lines left in the reader's buffer, prefixes read on bytes, verdicts
 * cached by bytes) reports exactly what the line-as-String path reports, text and JSON, on a varied log:
 * generated V2Ray lines, the real logs, every knowledge-base example bare, with V2Ray's and with
 * journalctl's prefix, mutated lines (non-ASCII, invalid UTF-8, white space at the ends), CRLF and lone CR
 * endings, blank lines, a panic with its dump and a line over the length cap.
 */
class DiagnoseBytePathTest {
    private static final int MUTATIONS = 20_000;
    private static final String[] INSERTS = {"\u00e9", "\u3000", "\u2003", "\r", " ", "\t", "[", "]", ":", "1",
            "\u001f", "accepted ", "rejected ", "panic: ", "[Info] ", "[12] "};

    @Test
    void bytePathReportsWhatTheStringPathReports() throws IOException {
        byte[] log = variedLog();
        assertEquals(report(log, true, false), report(log, false, false), "JSON report");
        assertEquals(report(log, true, true), report(log, false, true), "text report");
    }

    private static String report(byte[] log, boolean bytePath, boolean text) throws IOException {
        DiagnosisTally tally = new Diagnoser().tally();
        if (bytePath) {
            tally.read("varied.log", new ByteArrayInputStream(log));
        } else {
            LogLineParser parser = tally.startInput("varied.log");
            LogLineReader reader = new LogLineReader(new ByteArrayInputStream(log));
            for (String raw = reader.next(); raw != null; raw = reader.next()) {
                tally.add(parser.next(raw));
            }
            tally.addCutLines(reader.cutLines());
        }
        DiagnosisReport report = tally.report(null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (text) {
            new DiagnosisTextFormatter(false).write(report, out);
        } else {
            new DiagnosisJsonFormatter().write(report, out);
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(report.lines() > MUTATIONS, "the whole log was read");
        return s;
    }

    private static byte[] variedLog() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(V2rayBinary.repoRoot().resolve("testdata/logs"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        for (KbEntry e : KnowledgeBase.builtIn().entries()) {
            for (String example : e.examples()) {
                lines.add(example);
                lines.add("2026/11/25 09:31:0" + lines.size() % 10 + " [Warning] [42] " + example);
                lines.add("Nov 25 09:31:00 vps v2ray[811]: " + example);
                lines.add("Nov 25 09:31:00 vps v2ray[811]: 2026/11/25 09:31:00.5 [Error] " + example);
            }
        }
        SplittableRandom random = new SplittableRandom(19);
        int real = lines.size();
        for (int i = 0; i < MUTATIONS; i++) {
            StringBuilder line = new StringBuilder(lines.get(random.nextInt(real)));
            int at = random.nextBoolean() ? random.nextInt(Math.min(48, line.length() + 1)) : line.length();
            line.insert(at, INSERTS[random.nextInt(INSERTS.length)]);
            if (random.nextInt(4) == 0 && line.length() > 0) {
                line.deleteCharAt(random.nextInt(line.length()));
            }
            lines.add(random.nextInt(lines.size()), line.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GeneratedV2rayLog(11).writeTo(out, 1 << 20);
        String[] endings = {"\n", "\n", "\n", "\r\n", "\r"};
        for (String line : lines) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            if (random.nextInt(500) == 0) {
                out.write(new byte[] {(byte) 0xff, 'x', (byte) 0xc3}); // not UTF-8
            }
            out.write(endings[random.nextInt(endings.length)].getBytes(StandardCharsets.UTF_8));
        }
        out.write("2026/11/25 09:31:00 [Info] long: ".getBytes(StandardCharsets.UTF_8));
        out.write("x".repeat(LogLineReader.DEFAULT_MAX_LINE_BYTES + 100).getBytes(StandardCharsets.UTF_8));
        out.write("\n\n2026/11/25 09:31:01 panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/x.go:1\n"
                .getBytes(StandardCharsets.UTF_8));
        new GeneratedV2rayLog(12).writeTo(out, 1 << 20);
        out.write("2026/11/25 09:31:02 [Info] the last line has no terminator".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
