package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.V2rayMessages;
import tools.jackson.databind.JsonNode;

/** Routing rules need {@code "type": "field"}; 4.34 rejects anything else, including a missing type. */
public final class RuleTypeRule extends SimpleRule {
    public RuleTypeRule() {
        super("rule-type", Severity.ERROR,
                "A routing rule without \"type\": \"field\"; V2Ray fails with \"unknown router rule type\".");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Routing.Rule rule : Routing.rules(doc)) {
            JsonNode type = rule.get("type");
            if (!Keys.present(type)) {
                ctx.report(rule.pointer(), "this routing rule has no \"type\"; V2Ray fails with \"" + V2rayMessages.unknownRouterRuleType("") + "\"",
                        "add \"type\": \"field\" to the rule");
            } else if (type.isString() && !type.stringValue().equalsIgnoreCase("field")) {
                ctx.report(rule.ptr("type"), "routing rule type \"" + type.stringValue()
                                + "\" is unknown; V2Ray fails with \"" + V2rayMessages.unknownRouterRuleType(type.stringValue()) + "\"",
                        "write \"type\": \"field\" (the only rule type)");
            }
        }
    }
}
