package dev.vtool.schema.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.schema.text.DidYouMean;
import dev.vtool.schema.text.Printable;
import dev.vtool.schema.text.SnippetWindow;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Lint on inputs that used to give wrong verdicts or melt: each case as 4.34 decodes it. */
class HostileInputTest {
    private static final String FREEDOM = "{\"outbounds\":[{\"protocol\":\"freedom\"}]}";
    private static final String VMSS = "{\"outbounds\":[{\"protocol\":\"vmss\"}]}";

    @TempDir
    Path dir;

    private static List<Finding> lint(String text) {
        return new Linter().lint(new SourceFile("t.json", text)).findings();
    }

    private static List<Finding> errors(String text) {
        return lint(text).stream().filter(Finding::isError).toList();
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    /** A config, whether V2Ray 4.34 accepts it, and a rule id lint must report (or null). */
    record Case(String name, String config, boolean v2rayAccepts, String expectedRule) {
    }

    static final List<Case> CASES = List.of(
            new Case("second object", FREEDOM + "\n" + FREEDOM, true, "ignored-rest"),
            new Case("stray bracket", FREEDOM + "]", true, "ignored-rest"),
            new Case("garbage", FREEDOM + " garbage", true, "ignored-rest"),
            new Case("trailing comment only", FREEDOM + " // end", true, null),
            new Case("errors inside the first object", VMSS + FREEDOM, false, "unknown-protocol"),
            new Case("array of objects", "[" + FREEDOM + "]", false, "not-an-object"),
            new Case("huge float under an ignored key",
                    "{\"outbounds\":[{\"protocol\":\"freedom\"}],\"foo\":1e999999}", true, "unknown-key"),
            new Case("huge float in an integer field",
                    "{\"inbounds\":[{\"port\":1080,\"listen\":\"127.0.0.1\",\"protocol\":\"socks\",\"settings\":{\"userLevel\":1e999999}}],"
                            + "\"outbounds\":[{\"protocol\":\"freedom\"}]}", false, null),
            new Case("huge integral float in range of double",
                    "{\"inbounds\":[{\"port\":1080,\"listen\":\"127.0.0.1\",\"protocol\":\"socks\",\"settings\":{\"userLevel\":1e300}}],"
                            + "\"outbounds\":[{\"protocol\":\"freedom\"}]}", false, null),
            new Case("exponent beyond BigDecimal under an ignored key",
                    "{\"outbounds\":[{\"protocol\":\"freedom\",\"foo\":5e5555555555}]}", true, null),
            new Case("uint32 overflow", "{\"inbounds\":[{\"port\":1080,\"listen\":\"127.0.0.1\",\"protocol\":\"socks\","
                    + "\"settings\":{\"userLevel\":4294967296}}],\"outbounds\":[{\"protocol\":\"freedom\"}]}", false, null),
            new Case("uint32 maximum", "{\"inbounds\":[{\"port\":1080,\"listen\":\"127.0.0.1\",\"protocol\":\"socks\","
                    + "\"settings\":{\"userLevel\":4294967295}}],\"outbounds\":[{\"protocol\":\"freedom\"}]}", true, null));

    @Test
    void verdictsFollowHow434DecodesTheFile() {
        for (Case c : CASES) {
            List<Finding> all = lint(c.config());
            assertFalse(ids(all).contains("internal"), c.name() + ": " + all);
            assertEquals(c.v2rayAccepts(), all.stream().noneMatch(Finding::isError), c.name() + ": " + all);
            if (c.expectedRule() != null) {
                assertTrue(ids(all).contains(c.expectedRule()), c.name() + ": " + all);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> verdictsAgreeWithV2ray() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path file = dir.resolve("case.json");
            Files.writeString(file, c.config());
            V2rayBinary.TestRun run = V2rayBinary.test(file);
            assertEquals(c.v2rayAccepts(), run.accepted(), c.name() + ": " + run.output());
        }));
    }

    @Test
    void theFirstObjectIsLintedFullyAndTheRestNamed() {
        List<Finding> all = lint(VMSS + "\n\n{\"inbounds\": []}");
        Finding rest = all.stream().filter(f -> f.ruleId().equals("ignored-rest")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, rest.severity());
        assertEquals(3, rest.location().line());
        assertTrue(rest.message().contains("second JSON object"), rest.message());
        assertTrue(ids(all).contains("unknown-protocol"), all.toString());
    }

    @Test
    void anOutOfRangeNumberNoLongerHidesOtherSchemaFindings() {
        List<Finding> all = lint("{\"outbounds\":[{\"protocol\":\"freedom\"}],\"foo\":1e999999,"
                + "\"inbounds\":[{\"port\":70000,\"protocol\":\"socks\"}]}");
        assertFalse(ids(all).contains("internal"), all.toString());
        assertTrue(all.stream().anyMatch(f -> f.isError() && f.message().contains("70000")), all.toString());
    }

    @Test
    void positionsSurviveDuplicateKeysAndCaseVariants() {
        String text = "{\n\"a\": 1,\n\"A\": {\"x\": 2},\n\"b\": [1,\n 2],\n\"a\": 3\n}";
        var doc = new dev.vtool.schema.json.ConfigReader().read(new SourceFile("t.json", text)).document();
        assertEquals(6, doc.locate("/a").line());
        assertEquals(6, doc.locateKey("/a").line());
        assertEquals(5, doc.locate("/b/1").line());
        assertEquals(2, doc.locate("/b/1").column());
        assertEquals(1, doc.locate("/missing/deep").line(), "a missing pointer falls back to the nearest ancestor");
    }

    @Test
    void hugeValuesCostLinearTimeAndBoundedMessages() {
        String huge = "a".repeat(4_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<Finding> all = lint("{\"log\":{\"loglevel\":\"" + huge + "\"},\"outbounds\":[{\"protocol\":\"freedom\"}]}");
            assertFalse(all.isEmpty());
            for (Finding f : all) {
                assertTrue(f.message().length() <= 2000 && (f.fix() == null || f.fix().length() <= 2000), f.ruleId());
            }
        });
        assertEquals(null, DidYouMean.closest(huge, List.of("warning", "debug")));
    }

    @Test
    void aFloodOfOneRuleIsCappedWithACount() {
        StringBuilder keys = new StringBuilder("{\"outbounds\":[{\"protocol\":\"freedom\"}]");
        for (int i = 0; i < 500; i++) {
            keys.append(",\"k").append(i).append("\":1");
        }
        List<Finding> all = lint(keys.append('}').toString());
        List<Finding> unknown = all.stream().filter(f -> f.ruleId().equals("unknown-key")).toList();
        assertEquals(FindingCap.PER_RULE + 1, unknown.size(), all.size() + " findings");
        assertTrue(unknown.get(unknown.size() - 1).message().contains("400 more"), unknown.get(unknown.size() - 1).message());
    }

    @Test
    void theSchemaCheckKeepsABoundedNumberOfErrors() {
        StringBuilder keys = new StringBuilder("{\"outbounds\":[{\"protocol\":\"freedom\"}]");
        int n = 10_500;
        for (int i = 0; i < n; i++) {
            keys.append(",\"k").append(i).append("\":1");
        }
        List<Finding> all = lint(keys.append('}').toString());
        Finding limit = all.stream().filter(f -> f.ruleId().equals("schema-limit")).findFirst().orElseThrow();
        assertTrue(limit.message().contains("left out 500 more"), limit.message());
        assertEquals(FindingCap.PER_RULE + 1, all.stream().filter(f -> f.ruleId().equals("unknown-key")).count());
    }

    @Test
    void snippetWindowIsBoundedAndTheCaretStaysOnItsColumn() {
        String line = "x".repeat(5000) + "HERE" + "y".repeat(5000);
        SnippetWindow w = SnippetWindow.of(new SourceFile("t", line), 1, 5001);
        assertNotNull(w);
        assertTrue(w.text().length() <= 2 * SnippetWindow.RADIUS + 2, w.text());
        assertTrue(w.text().startsWith("…") && w.text().endsWith("…"), w.text());
        assertEquals("HERE", w.text().substring(w.caret(), w.caret() + 4));
        SnippetWindow esc = SnippetWindow.of(new SourceFile("t", "a\u001b[2Jb\"c"), 1, 7);
        assertEquals("a\\x1b[2Jb\"c", esc.text());
        assertEquals('"', esc.text().charAt(esc.caret()));
        SnippetWindow shortLine = SnippetWindow.of(new SourceFile("t", "{\n  \"port\": 1\n}"), 2, 11);
        assertEquals("  \"port\": 1", shortLine.text());
        assertEquals(10, shortLine.caret());
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("a\\x1b]0;title\\x07b", Printable.escape("a\u001b]0;title\u0007b"));
        assertEquals("\\u202eevil\\x9b", Printable.escape("\u202eevil\u009b"));
        assertEquals("plain ünïcödé", Printable.escape("plain ünïcödé"));
        List<Finding> all = lint("{\"outbounds\":[{\"protocol\":\"fr\u001b[31meedom\"}]}");
        assertFalse(all.isEmpty());
        List<String> printed = new ArrayList<>();
        all.forEach(f -> printed.add(Printable.escape(f.message())));
        assertTrue(printed.stream().noneMatch(s -> s.contains("\u001b")));
    }

    @Test
    void swappedPairGetsAHint() throws IOException {
        String client = "{\"inbounds\":[{\"port\":1080,\"listen\":\"127.0.0.1\",\"protocol\":\"socks\"}],\"outbounds\":[{\"protocol\":\"vmess\","
                + "\"settings\":{\"vnext\":[{\"address\":\"127.0.0.1\",\"port\":10086,\"users\":[{\"id\":\"b831381d-6324-4d53-ad4f-8cda48b30811\"}]}]}}]}";
        String server = "{\"inbounds\":[{\"port\":10086,\"protocol\":\"vmess\",\"settings\":{\"clients\":[{\"id\":"
                + "\"b831381d-6324-4d53-ad4f-8cda48b30811\"}]}}],\"outbounds\":[{\"protocol\":\"freedom\"}]}";
        var reader = new dev.vtool.schema.json.ConfigReader();
        var c = reader.read(new SourceFile("client.json", client)).document();
        var s = reader.read(new SourceFile("server.json", server)).document();
        List<Finding> swapped = new dev.vtool.schema.pair.PairChecker().check(s, c);
        assertTrue(swapped.stream().anyMatch(f -> f.message().contains("look swapped")
                && f.fix().contains("vtool pair client.json server.json")), swapped.toString());
        List<Finding> right = new dev.vtool.schema.pair.PairChecker().check(c, s);
        assertTrue(right.stream().noneMatch(f -> f.message().contains("swapped")), right.toString());
    }
}
