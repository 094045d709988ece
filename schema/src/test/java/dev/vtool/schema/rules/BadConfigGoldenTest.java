package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.lint.LintResult;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.lint.RuleCatalog;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.schema.validation.SchemaValidator;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every testdata/bad/NAME.json against its NAME.expected ("RULE-ID LINE" per finding that is not from the
 * JSON Schema validator, sorted by id then line),
 * and against V2Ray 4.34 itself: where {@code v2ray -test} rejects a file vtool must report an error,
 * where it accepts one vtool must not. Run with -Dvtool.golden.update=true to rewrite the golden files
 * (then review the diff by hand).
 */
class BadConfigGoldenTest {
    private static final Set<String> SEMANTIC_IDS = RuleCatalog.semanticRules().stream()
            .map(RuleInfo::id).collect(Collectors.toSet());
    private static final Set<String> SCHEMA_IDS = SchemaValidator.RULES.stream()
            .map(RuleInfo::id).collect(Collectors.toSet());
    private final Linter linter = new Linter();

    static List<Path> badConfigs() throws IOException {
        Path dir = V2rayBinary.repoRoot().resolve("testdata/bad");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void thereAreEnoughBadConfigsAndEachHasAGoldenFile() throws IOException {
        List<Path> configs = badConfigs();
        assertTrue(configs.size() >= 30, "expected at least 30 bad configs, found " + configs.size());
        for (Path p : configs) {
            assertTrue(Files.exists(expectedFile(p)), "missing golden file for " + p.getFileName());
        }
    }

    @Test
    void everySemanticRuleIsExercisedByABadConfig() throws IOException {
        Set<String> seen = new java.util.HashSet<>();
        for (Path p : badConfigs()) {
            for (String line : Files.readAllLines(expectedFile(p))) {
                if (!line.isBlank()) {
                    seen.add(line.split(" ")[0]);
                }
            }
        }
        for (Path twin : CorpusTwinsTest.brokenConfigs()) {
            seen.add(CorpusTwinsTest.ruleOf(twin)); // testdata/twins exercise their rule against v2ray as well
        }
        Set<String> missing = new java.util.TreeSet<>(SEMANTIC_IDS);
        missing.removeAll(seen);
        assertEquals(Set.of(), missing, "rules without a bad config in testdata/bad or testdata/twins");
    }

    @TestFactory
    Stream<DynamicTest> findingsMatchGoldenFiles() throws IOException {
        boolean update = Boolean.getBoolean("vtool.golden.update");
        return badConfigs().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            assumeGeoAssetsAbsentFor(p);
            LintResult result = linter.lint(SourceFile.read(p));
            assertEquals(List.of(), result.findings().stream().filter(f -> f.ruleId().equals("internal")).toList(),
                    "a rule crashed");
            String actual = semanticLines(result);
            if (update) {
                Files.writeString(expectedFile(p), actual, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(expectedFile(p), StandardCharsets.UTF_8), actual, p.getFileName().toString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> errorsAgreeWithV2ray() throws IOException {
        V2rayBinary.require();
        return badConfigs().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            LintResult result = linter.lint(SourceFile.read(p));
            V2rayBinary.TestRun run = V2rayBinary.test(p);
            if (run.accepted()) {
                assertFalse(result.hasErrors(), () -> "v2ray accepts " + p.getFileName() + " but vtool reports errors: "
                        + result.findings().stream().filter(Finding::isError).map(Finding::message).toList());
            } else {
                assertTrue(result.hasErrors(), () -> "v2ray rejects " + p.getFileName() + " (exit " + run.exitCode()
                        + ": " + lastLine(run.output()) + ") but vtool reports no error");
            }
        }));
    }

    /** The geo golden files assume V2Ray's stock Debian install (no geoip.dat/geosite.dat). */
    private static void assumeGeoAssetsAbsentFor(Path config) {
        if (config.getFileName().toString().startsWith("geo-")) {
            GeoAssets assets = GeoAssets.ofThisMachine();
            assumeTrue(assets.find("geoip.dat") == null && assets.find("geosite.dat") == null,
                    "geo data files are installed here; the golden file assumes they are not");
        }
    }

    static String semanticLines(LintResult result) {
        return result.findings().stream()
                .filter(f -> !SCHEMA_IDS.contains(f.ruleId())) // the schema validator is tested on its own
                .sorted(java.util.Comparator.comparing(Finding::ruleId).thenComparingInt(f -> f.location().line()))
                .map(f -> f.ruleId() + " " + f.location().line() + "\n")
                .collect(Collectors.joining());
    }

    private static Path expectedFile(Path config) {
        String name = config.getFileName().toString();
        return config.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".expected");
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
