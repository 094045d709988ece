package dev.vtool.schema.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.lint.LintResult;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.pair.PairChecker;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.V2rayBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one front end against the real V2Ray 4.34: keys in any letter case (Go's folding, with the Kelvin
 * sign and the long s) and the characters that do not end a line comment. For each file, {@code v2ray -test}
 * and {@code vtool lint} give the same verdict; where the meaning matters, lint, pair and the run model
 * read the file as they read its canonical twin.
 */
class FrontEndV2rayParityTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final String SERVER = """
            {"inbounds": [{"port": 10086, "protocol": "vmess", "settings": {"clients": [{"id": "%s", "alterId": 0}]}}],
             "outbounds": [{"protocol": "freedom"}]}
            """.formatted(ID);
    private static final String CLIENT = """
            {"inbounds": [{"port": 1080, "listen": "127.0.0.1", "protocol": "socks", "settings": {"auth": "noauth"}}],
             "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": 10086,
               "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]},
               "streamSettings": {"network": "tcp"}}]}
            """.formatted(ID);
    /** The client with keys spelled as users write them and as Go still reads them. */
    private static final String CLIENT_CASED = """
            {"Inbounds": [{"PORT": 1080, "Listen": "127.0.0.1", "Protocol": "socks", "Settings": {"AUTH": "noauth"}}],
             "OutBounds": [{"Protocol": "vmess", "Settings": {"VNext": [{"Address": "127.0.0.1", "Port": 10086,
               "U\u017FER\u017F": [{"ID": "%s", "AlterId": 0, "Security": "aes-128-gcm"}]}]},
               "StreamSettings": {"Networ\u212A": "tcp"}}]}
            """.formatted(ID);

    @TempDir
    Path dir;

    private final Linter linter = new Linter();

    @Test
    void caseInsensitiveKeysMeanTheSameEverywhere() throws Exception {
        assertSameVerdict("client-cased.json", CLIENT_CASED, true);
        assertSameVerdict("server.json", SERVER, true);
        // lint warns about the spellings (key-case) but reports no error, like v2ray accepts the file
        LintResult lint = linter.lint(new SourceFile("client-cased.json", CLIENT_CASED));
        assertTrue(lint.findings().stream().anyMatch(f -> f.ruleId().equals("key-case")), () -> describe(lint.findings()));
        // the run model and pair read it as its canonical twin
        assertEquals(meaning(model(CLIENT)), meaning(model(CLIENT_CASED)));
        List<Finding> canonicalPair = new PairChecker().check(doc("client.json", CLIENT), doc("server.json", SERVER));
        List<Finding> casedPair = new PairChecker().check(doc("client.json", CLIENT_CASED), doc("server.json", SERVER));
        assertTrue(casedPair.stream().noneMatch(Finding::isError), () -> describe(casedPair));
        assertEquals(canonicalPair.stream().map(Finding::ruleId).toList(), casedPair.stream().map(Finding::ruleId).toList());
        // a wrong id in the cased client is found by pair, at the cased key
        String wrongId = CLIENT_CASED.replace(ID, "b831381d-6324-4d53-ad4f-8cda48b30812");
        List<Finding> mismatch = new PairChecker().check(doc("client.json", wrongId), doc("server.json", SERVER));
        Finding f = mismatch.stream().filter(Finding::isError).findFirst().orElseThrow(() -> new AssertionError(describe(mismatch)));
        assertEquals(3, f.location().line(), f::toString);
    }

    @Test
    void onlyGoFoldingCounts() throws Exception {
        // a dotted capital I is not an i to Go: v2ray finds no id, and neither does vtool
        String dotted = SERVER.replace("\"id\"", "\"\u0130d\"");
        assertSameVerdict("dotted-i.json", dotted, false);
    }

    @Test
    void onlyNewlineEndsALineComment() throws Exception {
        for (String end : List.of("\r", "\u000B", "\f")) {
            for (String start : List.of("//", "#")) {
                String name = (start.equals("#") ? "hash" : "slashes") + "-" + (int) end.charAt(0);
                // the comment swallows a member that would be an error: 4.34 accepts the file
                String hidesError = "{\n  \"log\": {\"loglevel\": \"warning\"} " + start + " note" + end
                        + ", \"inbounds\": 5\n, \"outbounds\": [{\"protocol\": \"freedom\"}]\n}\n";
                assertSameVerdict(name + "-hides-error.json", hidesError, true);
                // the comment swallows the closing brace: 4.34 rejects the file
                String hidesBrace = "{\"outbounds\": [{\"protocol\": \"freedom\"}] " + start + " note" + end + "}\n";
                assertSameVerdict(name + "-hides-brace.json", hidesBrace, false);
                // the comment swallows an inbound: nobody runs it
                String hidesInbound = "{\"outbounds\": [{\"protocol\": \"freedom\"}] " + start + " name" + end
                        + ", \"inbounds\": [{\"port\": 1080, \"protocol\": \"socks\"}]\n}\n";
                assertSameVerdict(name + "-hides-inbound.json", hidesInbound, true);
                assertTrue(model(hidesInbound).inbounds().isEmpty(), name);
            }
        }
    }

    @Test
    void aBlockCommentJoinsTokens() throws Exception {
        String joined = "{\"inbounds\": [{\"port\": 10/**/80, \"listen\": \"127.0.0.1\", \"protocol\": \"socks\"}],"
                + " \"outbounds\": [{\"protocol\": \"freedom\"}]}";
        assertSameVerdict("joined.json", joined, true);
        assertEquals(1080, model(joined).inbounds().get(0).ports().from());
    }

    private void assertSameVerdict(String name, String text, boolean v2rayAccepts) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        V2rayBinary.TestRun v2ray = V2rayBinary.test(file);
        assertEquals(v2rayAccepts, v2ray.accepted(), () -> name + ": v2ray said " + v2ray.output());
        LintResult lint = linter.lint(SourceFile.read(file));
        List<Finding> errors = lint.findings().stream().filter(Finding::isError).toList();
        if (v2ray.accepted()) {
            assertTrue(errors.isEmpty(), () -> name + ": v2ray accepts it, vtool lint reports" + describe(errors));
        } else {
            assertFalse(errors.isEmpty(), () -> name + ": v2ray rejects it (" + v2ray.output() + "), vtool lint finds no error");
        }
    }

    private static ConfigDocument doc(String name, String text) {
        ConfigDocument d = new ConfigReader().read(new SourceFile(name, text)).document();
        if (d == null) {
            throw new AssertionError("not readable: " + text);
        }
        return d;
    }

    private static Config model(String text) throws Exception {
        return new ConfigModelBuilder().build(doc("c.json", text));
    }

    /** What a model means, without the pointers that say where each part was written. */
    private static List<Object> meaning(Config c) {
        return List.of(c.log(), c.policy(), c.routing(),
                c.inbounds().stream().map(i -> List.of(String.valueOf(i.tag()), String.valueOf(i.listen()), i.ports(),
                        i.protocol(), i.settings(), String.valueOf(i.sniffing()))).toList(),
                c.outbounds().stream().map(o -> List.of(String.valueOf(o.tag()), o.protocol(), o.settings(),
                        String.valueOf(o.sendThrough()), String.valueOf(o.proxyTag()))).toList());
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.location() + " " + f.severity().label() + " " + f.ruleId() + ": " + f.message())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
