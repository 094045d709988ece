package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.lint.RuleCatalog;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * No rule may crash on values of the wrong type: every value of every bad config is replaced, one at a
 * time, by null, a number, a string, an array and an object, and no rule may throw.
 */
class RulesRobustnessTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> REPLACEMENTS = List.of(F.nullNode(), F.numberNode(-1.5), F.stringNode("x:y"),
            F.arrayNode().add(1), F.objectNode());

    @Test
    void rulesSurviveWrongTypesEverywhere() throws Exception {
        ConfigReader reader = new ConfigReader();
        List<LintRule> rules = RuleCatalog.semanticRules();
        int runs = 0;
        List<String> crashes = new ArrayList<>();
        for (Path p : BadConfigGoldenTest.badConfigs()) {
            JsonNode doc = reader.read(SourceFile.read(p)).document().root();
            List<String> pointers = new ArrayList<>();
            collect(doc, "", pointers);
            for (String ptr : pointers) {
                for (JsonNode replacement : REPLACEMENTS) {
                    JsonNode mutated = doc.deepCopy();
                    replace(mutated, ptr, replacement);
                    runs++;
                    ConfigDocument parsed = reader.read(new SourceFile("m.json", JSON.writeValueAsString(mutated))).document();
                    for (LintRule rule : rules) {
                        try {
                            rule.check(parsed, new RuleContext(parsed, rule, f -> { }));
                        } catch (RuntimeException e) {
                            crashes.add(p.getFileName() + " " + ptr + " := " + replacement + ": " + rule.id() + " threw " + e);
                        }
                    }
                }
            }
        }
        assertTrue(runs > 1000, "too few mutations: " + runs);
        assertEquals(List.of(), crashes.stream().limit(20).toList());
    }

    private static void collect(JsonNode node, String ptr, List<String> out) {
        if (!ptr.isEmpty()) {
            out.add(ptr);
        }
        if (node.isObject()) {
            for (String k : node.propertyNames()) {
                collect(node.get(k), ptr + "/" + k.replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), ptr + "/" + i, out);
            }
        }
    }

    private static void replace(JsonNode root, String ptr, JsonNode value) {
        int slash = ptr.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(ptr.substring(0, slash));
        String last = ptr.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
    }
}
