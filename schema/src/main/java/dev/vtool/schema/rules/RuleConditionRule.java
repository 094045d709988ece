package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A routing rule with a target but nothing to match: 4.34 fails with "this rule has no effective fields". */
public final class RuleConditionRule extends SimpleRule {
    public RuleConditionRule() {
        super("rule-without-condition", Severity.ERROR,
                "A routing rule has no condition (domain, ip, port, network, inboundTag, ...); V2Ray refuses it.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Routing.Rule rule : Routing.rules(doc)) {
            if (effectiveConditions(rule).isEmpty()) {
                ctx.report(rule.pointer(), "this routing rule has no condition, so it would match nothing; V2Ray fails with "
                                + "\"app/router: this rule has no effective fields\"",
                        "add a condition such as \"domain\", \"ip\", \"port\", \"network\" or \"inboundTag\" "
                                + "(to send everything somewhere, put that outbound first in \"outbounds\" instead)");
            }
        }
    }

    /** The condition keys (canonical names) that take effect in V2Ray: present and not an empty list. */
    static List<String> effectiveConditions(Routing.Rule rule) {
        List<String> out = new ArrayList<>();
        for (String key : Routing.CONDITION_KEYS) {
            JsonNode v = rule.get(key);
            boolean effective = key.equals("attrs") ? v.isString() && !v.stringValue().isEmpty()
                    : Keys.present(v) && !(v.isArray() && v.isEmpty());
            if (effective) {
                out.add(key);
            }
        }
        return out;
    }
}
