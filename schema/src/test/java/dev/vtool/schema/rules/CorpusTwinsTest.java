package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.lint.LintResult;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.lint.RuleCatalog;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * testdata/twins: every RULE--CASE.broken.json against V2Ray 4.34 and lint (the rule fires, as an error exactly when
 * {@code v2ray -test} rejects the file, else as a warning with no error), and its RULE--CASE.fixed.json (V2Ray accepts
 * it, lint has no error and no finding of that rule).
 */
class CorpusTwinsTest {
    private final Linter linter = new Linter();

    static List<Path> brokenConfigs() throws IOException {
        Path dir = V2rayBinary.repoRoot().resolve("testdata/twins");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".broken.json")).sorted().toList();
        }
    }

    /** The rule id a twin is about: the file name up to "--". */
    static String ruleOf(Path twin) {
        String name = twin.getFileName().toString();
        return name.substring(0, name.indexOf("--"));
    }

    private static Path fixedTwin(Path broken) {
        String name = broken.getFileName().toString();
        return broken.resolveSibling(name.replace(".broken.json", ".fixed.json"));
    }

    @Test
    void everyBrokenFileHasAFixedTwinAndNamesAKnownRule() throws IOException {
        List<String> ids = RuleCatalog.semanticRules().stream().map(RuleInfo::id).toList();
        List<Path> broken = brokenConfigs();
        assertTrue(broken.size() >= 20, "expected the twin corpus, found " + broken);
        for (Path p : broken) {
            assertTrue(Files.exists(fixedTwin(p)), "missing fixed twin for " + p.getFileName());
            assertTrue(ids.contains(ruleOf(p)), p.getFileName() + " names no rule in RuleCatalog");
        }
    }

    @TestFactory
    Stream<DynamicTest> brokenTwinsTripTheirRuleWithV2raysVerdict() throws IOException {
        V2rayBinary.require();
        Path root = V2rayBinary.repoRoot();
        return brokenConfigs().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String rule = ruleOf(p);
            LintResult lint = linter.lint(SourceFile.read(p));
            V2rayBinary.TestRun v2ray = V2rayBinary.test(p.toAbsolutePath(), root);
            List<Finding> own = lint.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
            assertFalse(own.isEmpty(), () -> "lint does not report " + rule + " on " + p.getFileName() + describe(lint));
            if (v2ray.accepted()) {
                assertFalse(lint.hasErrors(), () -> "v2ray accepts " + p.getFileName() + " but lint reports errors" + describe(lint));
                assertTrue(own.stream().allMatch(f -> f.severity() == Severity.WARNING),
                        () -> "vtool is stricter than v2ray here, so " + rule + " must be a warning" + describe(lint));
            } else {
                assertTrue(own.stream().anyMatch(Finding::isError), () -> "v2ray rejects " + p.getFileName() + " ("
                        + v2ray.output().strip().lines().reduce((a, b) -> b).orElse("") + ") but " + rule
                        + " is not an error" + describe(lint));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> fixedTwinsAreCleanForV2rayAndLint() throws IOException {
        V2rayBinary.require();
        Path root = V2rayBinary.repoRoot();
        return brokenConfigs().stream().map(CorpusTwinsTest::fixedTwin).map(p -> DynamicTest.dynamicTest(
                p.getFileName().toString(), () -> {
                    String rule = ruleOf(p);
                    V2rayBinary.TestRun v2ray = V2rayBinary.test(p.toAbsolutePath(), root);
                    assertTrue(v2ray.accepted(), () -> "v2ray rejects the fixed twin " + p.getFileName() + ":\n" + v2ray.output());
                    LintResult lint = linter.lint(SourceFile.read(p));
                    assertEquals(List.of(), lint.findings().stream()
                            .filter(f -> f.isError() || f.ruleId().equals(rule)).map(Finding::message).toList(),
                            p.getFileName() + " must have no error and no " + rule + " finding");
                }));
    }

    private static String describe(LintResult lint) {
        return lint.findings().stream().map(f -> f.severity().label() + " " + f.ruleId() + ": " + f.message())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
