package dev.vtool.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.cli.CliRun;
import dev.vtool.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What lint prints for hostile or unreadable inputs: escaped, bounded, and never silent. */
class HostileLintOutputTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void escapeSequencesFromTheConfigNeverReachTheTerminal() throws IOException {
        // raw in a comment (shown in the snippet), and as a JSON escape in a value (quoted in the message)
        Path f = write("esc.json", "{\"outbounds\":[{\"protocol\":\"x\\u001b]0;pwned\\u0007\"}]} // \u001b[2J\u001b]0;title\u0007");
        for (String format : new String[] {"text", "github"}) {
            CliRun r = CliRun.run("lint", "--format", format, f.toString());
            assertEquals(ExitCodes.FINDINGS, r.exitCode(), r.out());
            assertFalse(r.out().contains("\u001b") || r.out().contains("\u0007"), format + ": " + r.out());
            assertTrue(r.out().contains("\\x1b]0;pwned\\x07"), format + ": " + r.out());
            if (format.equals("text")) {
                assertTrue(r.out().contains("// \\x1b[2J\\x1b]0;title\\x07"), r.out());
            }
        }
        CliRun json = CliRun.run("lint", "--format", "json", f.toString());
        assertFalse(json.out().contains("\u001b"), "JSON escapes control characters by construction");
    }

    @Test
    void aLongLineShowsAWindowWithTheCaretUnderTheColumn() throws IOException {
        String pad = "\"k%d\":1,";
        StringBuilder sb = new StringBuilder("{\"x\":{");
        for (int i = 0; i < 2000; i++) {
            sb.append(String.format(pad, i));
        }
        sb.append("\"end\":1},\"outbounds\":[{\"protocol\":\"vmss\"}]}");
        Path f = write("long.json", sb.toString());
        CliRun r = CliRun.run("lint", "--color", "never", f.toString());
        String[] lines = r.out().split("\n");
        int i = 0;
        while (!lines[i].contains("[unknown-protocol]")) {
            i++;
        }
        String code = lines[i + 1];
        String caret = lines[i + 2];
        assertTrue(code.length() < 200, code);
        assertTrue(code.contains("…"), code);
        int at = caret.indexOf('^');
        assertEquals("\"vmss\"", code.substring(at, at + 6), code + "\n" + caret);
        assertTrue(r.out().length() < 4_000, "bounded output: " + r.out().length());
    }

    @Test
    void aMissingFileIsCarriedInEveryFormatAndTheSummarySaysSo() throws IOException {
        Path good = write("ok.json", "{\"outbounds\":[{\"protocol\":\"freedom\"}]}");
        String missing = dir.resolve("nope.json").toString();
        CliRun text = CliRun.run("lint", missing);
        assertEquals(ExitCodes.USAGE_OR_IO, text.exitCode());
        assertFalse(text.out().contains("no problems found in 0 files"), text.out());
        assertTrue(text.out().contains("1 file could not be read"), text.out());
        CliRun both = CliRun.run("lint", good.toString(), missing);
        assertTrue(both.out().contains("in 1 file; 1 file could not be read"), both.out());
        CliRun json = CliRun.run("lint", "--format", "json", missing);
        JsonNode findings = JsonMapper.shared().readTree(json.out()).get("findings");
        assertEquals(1, findings.size(), json.out());
        assertEquals("unreadable-input", findings.get(0).get("rule").asString());
        assertTrue(findings.get(0).get("message").asString().contains("no such file"));
        CliRun sarif = CliRun.run("lint", "--format", "sarif", missing);
        JsonNode results = JsonMapper.shared().readTree(sarif.out()).get("runs").get(0).get("results");
        assertEquals(1, results.size(), sarif.out());
        assertEquals("error", results.get(0).get("level").asString());
    }

    @Test
    void utf16WithoutBomIsNamed() throws IOException {
        Path f = dir.resolve("u16.json");
        Files.write(f, "{\"outbounds\": []}".getBytes(StandardCharsets.UTF_16LE));
        CliRun r = CliRun.run("lint", f.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, r.exitCode());
        assertTrue(r.err().contains("UTF-16LE without a byte-order mark"), r.err());
        Files.write(f, "{\"outbounds\": []}".getBytes(StandardCharsets.UTF_16BE));
        assertTrue(CliRun.run("lint", f.toString()).err().contains("UTF-16BE"));
    }

    @Test
    void anInputBeyondTheLimitIsOneClearLine() throws IOException {
        Path f = write("big.json", "{\"outbounds\":[{\"protocol\":\"freedom\"}]}" + " ".repeat(5000));
        String old = System.getProperty("vtool.maxInputBytes");
        System.setProperty("vtool.maxInputBytes", "1000");
        try {
            CliRun r = CliRun.run("lint", f.toString());
            assertEquals(ExitCodes.USAGE_OR_IO, r.exitCode());
            assertTrue(r.err().contains("is larger than vtool reads") && r.err().contains("VTOOL_JAVA_OPTS=-Xmx"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            CliRun run = CliRun.run("run", "-test", "-c", f.toString());
            assertTrue(run.out().contains("is larger than vtool reads"), run.out());
            assertFalse(run.out().contains("Exception") || run.err().contains("Exception"), run.out() + run.err());
        } finally {
            if (old == null) {
                System.clearProperty("vtool.maxInputBytes");
            } else {
                System.setProperty("vtool.maxInputBytes", old);
            }
        }
    }
}
