package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LintCommandTest {
    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private String trailingComma() throws IOException {
        return write("trailing.json", "{\n  \"inbounds\": [\n    {\"port\": 1080, \"protocol\": \"socks\",}\n  ]\n}\n");
    }

    @Test
    void textOutputHasPositionSnippetCaretAndFix() throws IOException {
        String file = trailingComma();
        CliRun r = CliRun.run("lint", "--color=never", file);
        assertEquals(ExitCodes.FINDINGS, r.exitCode(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertEquals(file + ":3:39: error: trailing comma before }; V2Ray rejects it [json-syntax]", lines[0]);
        assertEquals("  3 |     {\"port\": 1080, \"protocol\": \"socks\",}", lines[1]);
        assertEquals("    |" + " ".repeat(39) + "^", lines[2]);
        assertTrue(lines[3].startsWith("  fix: remove this comma"), lines[3]);
        assertTrue(r.out().contains("1 error, 0 warnings"), r.out());
    }

    @Test
    void missingFileIsAnIoErrorButOtherFilesAreStillLinted() throws IOException {
        String file = trailingComma();
        CliRun r = CliRun.run("lint", file, dir.resolve("nope.json").toString());
        assertEquals(ExitCodes.USAGE_OR_IO, r.exitCode());
        assertTrue(r.err().contains("nope.json: no such file"), r.err());
        assertTrue(r.out().contains("trailing comma"), r.out());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void directoryAndUtf16InputsAreClearErrors() throws IOException {
        Path utf16 = dir.resolve("u16.json");
        Files.write(utf16, "\uFEFF{}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        CliRun r = CliRun.run("lint", dir.toString(), utf16.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, r.exitCode());
        assertTrue(r.err().contains("is a directory"), r.err());
        assertTrue(r.err().contains("UTF-16"), r.err());
    }

    @Test
    void jsonFormatIsMachineReadable() throws IOException {
        String file = trailingComma();
        CliRun r = CliRun.run("lint", "--format", "json", file);
        JsonNode root = JsonMapper.shared().readTree(r.out());
        JsonNode f = root.get("findings").get(0);
        assertEquals(file, f.get("file").asString());
        assertEquals(3, f.get("line").asInt());
        assertEquals(39, f.get("column").asInt());
        assertEquals("error", f.get("severity").asString());
        assertEquals("json-syntax", f.get("rule").asString());
        assertEquals(1, root.get("summary").get("errors").asInt());
    }

    @Test
    void sarifFormatHasRegionsAndRules() throws IOException {
        String file = trailingComma();
        CliRun r = CliRun.run("lint", "--format=sarif", file);
        JsonNode root = JsonMapper.shared().readTree(r.out());
        assertEquals("2.1.0", root.get("version").asString());
        JsonNode run = root.get("runs").get(0);
        JsonNode result = run.get("results").get(0);
        assertEquals("error", result.get("level").asString());
        JsonNode region = result.get("locations").get(0).get("physicalLocation").get("region");
        assertEquals(3, region.get("startLine").asInt());
        assertEquals(39, region.get("startColumn").asInt());
        Set<String> ids = new HashSet<>();
        run.get("tool").get("driver").get("rules").forEach(rule -> ids.add(rule.get("id").asString()));
        assertTrue(ids.contains(result.get("ruleId").asString()));
    }

    @Test
    void githubFormatIsAWorkflowCommand() throws IOException {
        String file = trailingComma();
        CliRun r = CliRun.run("lint", "--format", "github", file);
        String line = r.out().strip();
        assertTrue(line.startsWith("::error file=" + file.replace(":", "%3A") + ",line=3,col=39,title=vtool json-syntax::"), line);
        assertTrue(line.contains("%0Afix: "), line);
    }

    @Test
    void warningsPassUnlessStrictAndQuietHidesThem() throws IOException {
        String file = write("dup.json", "{\"log\": {}, \"log\": {}}");
        CliRun plain = CliRun.run("lint", "--color=never", file);
        assertEquals(ExitCodes.OK, plain.exitCode(), plain.out());
        assertTrue(plain.out().contains("warning: key \"log\" appears again"), plain.out());
        assertEquals(ExitCodes.FINDINGS, CliRun.run("lint", "--strict", file).exitCode());
        CliRun quiet = CliRun.run("lint", "--quiet", file);
        assertEquals("", quiet.out());
        assertEquals(ExitCodes.OK, quiet.exitCode());
    }

    @Test
    void readsStdin() {
        CliRun r = CliRun.withStdin("{ port: 1 }", "lint", "--color=never", "-");
        assertEquals(ExitCodes.FINDINGS, r.exitCode());
        assertTrue(r.out().startsWith("<stdin>:1:3: error: key port is not in double quotes"), r.out());
    }

    @Test
    void usageErrorsExitTwoWithoutStackTrace() {
        CliRun noFiles = CliRun.run("lint");
        assertEquals(ExitCodes.USAGE_OR_IO, noFiles.exitCode());
        CliRun badFormat = CliRun.run("lint", "--format", "xml", "x.json");
        assertEquals(ExitCodes.USAGE_OR_IO, badFormat.exitCode());
        assertTrue(badFormat.err().contains("unknown format 'xml'"), badFormat.err());
        assertFalse(badFormat.err().contains("at dev.vtool"), badFormat.err());
    }

    @Test
    void rulesListingHasUniqueIdsAndDocs() {
        CliRun r = CliRun.run("lint", "--rules");
        assertEquals(ExitCodes.OK, r.exitCode());
        Set<String> ids = new HashSet<>();
        for (String line : r.out().split("\n")) {
            String[] parts = line.trim().split("\\s+", 3);
            assertEquals(3, parts.length, line);
            assertTrue(ids.add(parts[0]), "duplicate rule id " + parts[0]);
            assertTrue(parts[0].matches("[a-z0-9]+(-[a-z0-9]+)*"), parts[0]);
        }
        assertTrue(ids.contains("json-syntax"));
    }
}
