package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.source.SourceFile;
import java.util.List;

/** Runs one rule over a config text and returns only that rule's findings. */
final class RuleTester {
    private RuleTester() {
    }

    static List<Finding> run(LintRule rule, String json) {
        return new Linter(List.of(rule)).lint(new SourceFile("test.json", json)).findings().stream()
                .filter(f -> f.ruleId().equals(rule.id()))
                .toList();
    }

    static Finding single(LintRule rule, String json) {
        List<Finding> all = run(rule, json);
        assertEquals(1, all.size(), () -> "expected exactly one " + rule.id() + " finding, got " + all);
        return all.get(0);
    }

    static void none(LintRule rule, String json) {
        List<Finding> all = run(rule, json);
        assertEquals(List.of(), all, "expected no " + rule.id() + " finding");
    }

    /** A minimal config: the given inbounds and outbounds JSON arrays. */
    static String config(String inbounds, String outbounds) {
        return "{\n\"inbounds\": " + inbounds + ",\n\"outbounds\": " + outbounds + "\n}\n";
    }

    static final String CLIENT_IN = "[{\"listen\": \"127.0.0.1\", \"port\": 1080, \"protocol\": \"socks\"}]";
    static final String FREEDOM_OUT = "[{\"protocol\": \"freedom\"}]";
    static final String UUID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    static String vmessOut(String userJson) {
        return "[{\"protocol\": \"vmess\", \"settings\": {\"vnext\": [{\"address\": \"203.0.113.7\", \"port\": 443, "
                + "\"users\": [" + userJson + "]}]}}]";
    }

    static String vmessIn(String clientsJson) {
        return "[{\"port\": 443, \"protocol\": \"vmess\", \"settings\": {\"clients\": [" + clientsJson + "]}}]";
    }
}
