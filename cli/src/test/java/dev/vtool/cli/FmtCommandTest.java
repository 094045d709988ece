package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `vtool fmt` over every config in testdata/ and its --check / --write / stdin contract. */
class FmtCommandTest {
    private static final Path TESTDATA = Path.of("..", "testdata").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void everyTestdataConfigFormatsIdempotentlyKeepingCommentsAndTheLintVerdict() throws IOException {
        List<Path> configs;
        try (Stream<Path> s = Files.walk(TESTDATA)) {
            configs = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(configs.size() > 100, "testdata/ not found at " + TESTDATA);
        Linter linter = new Linter();
        int formatted = 0;
        List<String> problems = new ArrayList<>();
        for (Path config : configs) {
            String name = TESTDATA.getParent().relativize(config).toString();
            String original = Files.readString(config);
            List<String> verdict = verdict(linter, name, original);
            for (String order : new String[] {"keep", "v2ray"}) {
                CliRun once = CliRun.run("fmt", "--key-order", order, config.toString());
                if (once.exitCode() == ExitCodes.USAGE_OR_IO) {
                    // only a file that is not JSON at all may be refused, and then with its position
                    if (!verdict.contains("json-syntax/error") || !once.err().matches("(?s).*:\\d+:\\d+: error: .*")) {
                        problems.add(name + ": refused although readable: " + once.err());
                    }
                    continue;
                }
                String out = once.out();
                CliRun twice = CliRun.withStdin(out, "fmt", "--key-order", order, "-");
                if (!twice.out().equals(out)) {
                    problems.add(name + " (" + order + "): formatting the output changes it again");
                }
                if (!comments(original).equals(comments(out))) {
                    problems.add(name + " (" + order + "): comments differ:\n  " + comments(original) + "\n  " + comments(out));
                }
                List<String> after = verdict(linter, name, out);
                if (!after.equals(verdict.stream().filter(v -> !v.startsWith("bom/")).toList())) {
                    problems.add(name + " (" + order + "): lint verdict changed from " + verdict + " to " + after);
                }
                CliRun check = CliRun.withStdin(out, "fmt", "--check", "--key-order", order, "-");
                if (check.exitCode() != 0 || !check.out().isEmpty()) {
                    problems.add(name + " (" + order + "): --check rejects fmt's own output: " + check.out());
                }
                formatted++;
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(formatted > 200, "formatted only " + formatted);
    }

    /** Rule and severity of every finding, sorted (positions move when lines are re-laid out). */
    private static List<String> verdict(Linter linter, String name, String text) {
        return linter.lint(new SourceFile(name, text)).findings().stream()
                .map(f -> f.ruleId() + "/" + f.severity().label()).sorted().toList();
    }

    /** Every comment's text, found by a scanner of its own (not the formatter's), sorted. */
    static List<String> comments(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == '#' || text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                out.add(text.substring(i, end).strip());
                i = end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                out.add(text.substring(i, end));
                i = end;
            } else {
                i++;
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void checkPrintsAUnifiedDiffAndExitsOneThenWriteFixesTheFileKeepingItsMode() throws IOException {
        Path config = dir.resolve("config.json");
        String messy = "{\n\"log\" : {\"loglevel\":\"warning\"},   // quiet\n  \"inbounds\": [ ],\n"
                + "/* the way out */ \"outbounds\":[{\"protocol\":\"freedom\",\"tag\":\"direct\"}]\n}\n";
        Files.writeString(config, messy);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));

        CliRun check = CliRun.run("fmt", "--check", config.toString());
        assertEquals(1, check.exitCode(), check.err());
        assertTrue(check.out().startsWith("--- " + config + "\n+++ " + config + " (formatted)\n@@ -1,"), check.out());
        assertTrue(check.out().contains("\n-\"log\" : {\"loglevel\":\"warning\"},   // quiet\n"), check.out());
        assertTrue(check.out().contains("\n+  \"log\": {\n"), check.out());
        assertTrue(check.err().contains("not formatted"), check.err());
        assertEquals(messy, Files.readString(config), "--check changes nothing");

        CliRun write = CliRun.run("fmt", "--write", config.toString());
        assertEquals(0, write.exitCode(), write.err());
        assertEquals("""
                {
                  "log": {
                    "loglevel": "warning"
                  }, // quiet
                  "inbounds": [],
                  /* the way out */
                  "outbounds": [
                    {
                      "protocol": "freedom",
                      "tag": "direct"
                    }
                  ]
                }
                """, Files.readString(config));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals(0, CliRun.run("fmt", "--check", config.toString()).exitCode());

        CliRun v2ray = CliRun.run("fmt", "--key-order", "v2ray", "--indent", "4", config.toString());
        assertTrue(v2ray.out().contains("        {\n            \"tag\": \"direct\",\n            \"protocol\": \"freedom\"\n        }"),
                v2ray.out());
    }

    @Test
    void brokenJsonIsRefusedWithItsPositionAndNothingIsWritten() throws IOException {
        Path config = dir.resolve("broken.json");
        Files.writeString(config, "{\n  \"log\": {\"loglevel\": \"warning\"}\n  \"inbounds\": []\n}\n");
        CliRun r = CliRun.run("fmt", "--write", config.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, r.exitCode());
        assertTrue(r.err().startsWith(config + ":3:3: error: "), r.err());
        assertEquals(ExitCodes.USAGE_OR_IO, CliRun.run("fmt", "--key-order", "alphabetic", config.toString()).exitCode());
        assertEquals(ExitCodes.USAGE_OR_IO, CliRun.run("fmt", "--write", "-").exitCode());
    }
}
