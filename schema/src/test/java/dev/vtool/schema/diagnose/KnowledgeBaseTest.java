package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Severity;
import dev.vtool.testkit.V2rayBinary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
    private final KnowledgeBase kb = KnowledgeBase.builtIn();

    private static String text(String line) {
        return new LogLineParser("example").next(line).text();
    }

    /** What a knowledge base holds, as plain values (patterns by their source text). */
    private static List<List<Object>> contents(KnowledgeBase base) {
        List<List<Object>> out = new ArrayList<>();
        for (KbEntry e : base.entries()) {
            out.add(List.of(e.id(), e.title(), e.severity(), e.patterns().stream().map(Pattern::pattern).toList(),
                    e.cause(), e.fix(), e.doc(), String.valueOf(e.tailor()), e.examples()));
        }
        out.add(List.copyOf(base.routinePatternList().stream().map(p -> p.pattern().pattern()).toList()));
        return out;
    }

    @Test
    void theCompiledFormTheBuildWroteIsTheYaml() throws Exception {
        KnowledgeBase yaml;
        try (var in = KnowledgeBase.class.getResourceAsStream(KnowledgeBase.RESOURCE)) {
            yaml = KnowledgeBase.load(in);
        }
        KnowledgeBase compiled;
        try (var in = KnowledgeBase.class.getResourceAsStream(KnowledgeBaseCodec.RESOURCE)) {
            assertNotNull(in, "the build (process-classes) writes " + KnowledgeBaseCodec.RESOURCE);
            compiled = KnowledgeBaseCodec.read(in);
        }
        assertEquals(contents(yaml), contents(compiled));
        assertEquals(contents(yaml), contents(kb), "builtIn() is the YAML's knowledge base");
    }

    @Test
    void everyEntryIsComplete() {
        assertTrue(kb.entries().size() >= 40, "at least 40 known messages, got " + kb.entries().size());
        Set<String> ids = new HashSet<>();
        for (KbEntry e : kb.entries()) {
            assertTrue(ids.add(e.id()), "duplicate id " + e.id());
            assertTrue(e.id().matches("[a-z0-9-]+"), "id is kebab-case: " + e.id());
            for (String field : List.of(e.title(), e.cause(), e.fix(), e.doc())) {
                assertFalse(field.isBlank(), e.id() + " has an empty field");
            }
            assertFalse(e.patterns().isEmpty(), e.id() + " has no pattern");
            assertFalse(e.examples().isEmpty(), e.id() + " has no example line");
            java.util.regex.Matcher ph = EntryGroup.PLACEHOLDER.matcher(e.fix());
            while (ph.find()) {
                String name = ph.group(1);
                assertTrue(e.patterns().stream().anyMatch(p -> p.pattern().contains("(?<" + name + ">")),
                        e.id() + ": fix placeholder {" + name + "} names no captured group");
            }
            if (e.tailor() != null) {
                assertNotNull(Tailors.get(e.tailor()), e.id() + " names unknown tailor " + e.tailor());
            }
        }
    }

    @Test
    void everyDocIsAnHttpsUrlOrARepositoryFileWithThatHeading() {
        DocLinks links = new DocLinks(V2rayBinary.repoRoot());
        List<String> problems = new ArrayList<>();
        for (KbEntry e : kb.entries()) {
            String problem = links.problem(e.doc());
            if (problem != null) {
                problems.add(e.id() + ": doc \"" + e.doc() + "\": " + problem);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void docCheckRefusesWhatAUserCannotOpen() {
        DocLinks links = new DocLinks(V2rayBinary.repoRoot());
        assertNotNull(links.problem("V2RAY-CONFIG.md \u00a76.9 #136"));
        assertNotNull(links.problem("seed tutorial, troubleshooting \"malformed HTTP request\""));
        assertNotNull(links.problem("http://www.v2fly.org/config/routing.html"));
        assertNotNull(links.problem("https://www.freedesktop.org/software/systemd/man/systemd.exec.html (LimitNOFILE)"));
        assertNotNull(links.problem("docs/no-such-file.md"));
        assertNotNull(links.problem("docs/diagnose.md#no-such-heading"));
        assertNotNull(links.problem("../outside.md"));
        assertEquals(null, links.problem("docs/diagnose.md#normal-lines"));
        assertEquals(null, links.problem("README.md"));
        assertEquals(null, links.problem("https://www.v2fly.org/en_US/config/routing.html#ruleobject"));
        assertEquals("config-aware-checks-tailor", DocLinks.slug("Config-aware checks (`tailor`)"));
    }

    @Test
    void everyPatternMatchesAnExampleOfItsEntry() {
        List<String> problems = new ArrayList<>();
        for (KbEntry e : kb.entries()) {
            for (Pattern p : e.patterns()) {
                boolean any = e.examples().stream().anyMatch(x -> p.matcher(text(x)).find());
                if (!any) {
                    problems.add(e.id() + ": pattern /" + p.pattern() + "/ matches none of its examples");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyExampleIsWonByItsOwnEntry() {
        List<String> problems = new ArrayList<>();
        for (KbEntry e : kb.entries()) {
            for (String example : e.examples()) {
                KnowledgeBase.Match m = kb.match(text(example));
                String winner = m == null ? "nothing" : m.entry().id();
                if (!winner.equals(e.id())) {
                    problems.add(e.id() + ": example won by " + winner + ": " + example);
                }
                assertFalse(kb.isRoutine(text(example)) && m == null, "example is only routine: " + example);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void seedTroubleshootingCasesAreKnown() {
        assertEquals("socks-got-http", kb.match(text("2017/08/08 12:00:00 [Warning] Socks: unknown Socks version: 71"))
                .entry().id());
        assertEquals("http-got-socks", kb.match(text(
                "Proxy|HTTP: failed to read http request > malformed HTTP request \"\\x05\\x01\\x00\"")).entry().id());
        assertEquals("config-build-failed", kb.match(text("Main: failed to read config file: config.json")).entry().id());
        assertEquals("vmess-invalid-user", kb.match(text("rejected Proxy|VMess|Encoding: invalid user")).entry().id());
        assertEquals("unknown-config-id", kb.match(text("v2ray.com/core/infra/conf: unknown config id: ss")).entry().id());
    }

    @Test
    void capturesVariableParts() {
        KnowledgeBase.Match m = kb.match(text("Failed to start v2ray.com/core/app/proxyman/inbound: failed to listen TCP"
                + " on 443 > listen tcp 0.0.0.0:443: bind: address already in use"));
        assertEquals("port-in-use", m.entry().id());
        assertEquals("443", m.groups().get("port"));
        assertEquals("0.0.0.0", m.groups().get("address"));
    }

    @Test
    void contextCanceledIsInfoNotAProblem() {
        KbEntry e = kb.entry("context-canceled");
        assertEquals(Severity.INFO, e.severity());
        assertFalse(e.isProblem());
        assertTrue(kb.entry("vmess-invalid-user").isProblem());
    }

    @Test
    void socksUsernameErrorIsNotTakenForVmessInvalidUser() {
        assertEquals("socks-bad-credentials",
                kb.match(text("proxy/socks: failed to read request > proxy/socks: invalid username or password"))
                        .entry().id());
    }

    private static KnowledgeBaseException loadFails(String yaml) {
        return assertThrows(KnowledgeBaseException.class,
                () -> KnowledgeBase.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    }

    private static final String ENTRY = "  - id: a\n    title: t\n    severity: error\n    patterns: ['x']\n"
            + "    cause: c\n    fix: f\n    doc: d\n";

    @Test
    void malformedKnowledgeBasesAreRefusedWithTheEntryNamed() {
        assertTrue(loadFails("entries:\n" + ENTRY + ENTRY + "routine: ['y']\n").getMessage().contains("'a': duplicate id"));
        assertTrue(loadFails("entries:\n" + ENTRY.replace("['x']", "['(x']") + "routine: ['y']\n").getMessage()
                .contains("entry 'a' patterns: bad regular expression"));
        assertTrue(loadFails("entries:\n" + ENTRY.replace("    fix: f\n", "") + "routine: ['y']\n").getMessage()
                .contains("entry 'a': missing or empty 'fix'"));
        assertTrue(loadFails("entries:\n" + ENTRY.replace("error", "fatal") + "routine: ['y']\n").getMessage()
                .contains("severity must be"));
        assertTrue(loadFails("entries: [\n").getMessage().contains("not valid YAML"));
        KnowledgeBase ok = KnowledgeBase.load(new ByteArrayInputStream(("entries:\n" + ENTRY + "routine: ['y']\n")
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("a", ok.match("..x..").entry().id());
        assertTrue(ok.isRoutine("y"));
    }
}
