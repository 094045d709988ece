package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Rules after a catch-all rule (or repeating an earlier rule's conditions) can never match. */
public final class UnreachableRuleRule extends SimpleRule {
    public UnreachableRuleRule() {
        super("unreachable-rule", Severity.WARNING,
                "A routing rule can never match: an earlier rule already catches all traffic, or has the same conditions.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        List<Routing.Rule> rules = Routing.rules(doc);
        Routing.Rule catchAll = null;
        // conditions and their values -> the first rule with them: one pass, not every earlier rule again
        Map<List<Object>, Routing.Rule> seen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Routing.Rule rule = rules.get(i);
            List<String> conds = RuleConditionRule.effectiveConditions(rule);
            if (conds.isEmpty()) {
                continue; // reported by rule-without-condition
            }
            if (catchAll != null) {
                Location at = doc.locate(catchAll.pointer());
                ctx.report(severity(), doc.locate(rule.pointer()), "this rule can never match: the rule at line " + at.line()
                                + " matches all traffic and the first matching rule wins",
                        "move this rule above the catch-all rule, or delete it", List.of(at));
                continue;
            }
            Routing.Rule same = seen.putIfAbsent(key(rule, conds), rule);
            if (same != null) {
                Location at = doc.locate(same.pointer());
                ctx.report(severity(), doc.locate(rule.pointer()), "this rule has the same conditions as the rule at line "
                                + at.line() + ", which wins because the first matching rule is used",
                        "merge the two rules or delete this one", List.of(at));
            }
            if (matchesEverything(rule, conds)) {
                catchAll = rule;
            }
        }
    }

    /** Equal for two rules with the same condition names and equal JSON values (JsonNode equality). */
    private static List<Object> key(Routing.Rule rule, List<String> conds) {
        List<Object> key = new ArrayList<>(conds.size() * 2);
        for (String k : conds) {
            key.add(k);
            key.add(rule.get(k));
        }
        return key;
    }

    /** Only network and port conditions, each covering everything (tcp+udp; ports 1-65535). */
    static boolean matchesEverything(Routing.Rule rule, List<String> conds) {
        for (String key : conds) {
            JsonNode v = rule.get(key);
            boolean all = switch (key) {
                case "network" -> {
                    Set<String> nets = new HashSet<>();
                    Keys.stringList(v, "").forEach(item -> nets.add(Keys.lower(item.value()))); // untrimmed, like V2Ray
                    yield nets.contains("tcp") && nets.contains("udp");
                }
                case "port" -> v.isString() && coversAllPorts(v.stringValue());
                default -> false;
            };
            if (!all) {
                return false;
            }
        }
        return true;
    }

    private static boolean coversAllPorts(String list) {
        boolean[] covered = new boolean[65536];
        for (String part : list.split(",")) {
            String[] ends = part.trim().split("-", 2);
            try {
                int from = Integer.parseInt(ends[0].trim());
                int to = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : from;
                for (int p = Math.max(from, 0); p <= Math.min(to, 65535); p++) {
                    covered[p] = true;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        for (int p = 1; p <= 65535; p++) {
            if (!covered[p]) {
                return false;
            }
        }
        return true;
    }
}
