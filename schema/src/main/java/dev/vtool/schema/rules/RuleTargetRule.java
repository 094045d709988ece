package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;

/** A routing rule must send matches somewhere: outboundTag or balancerTag. */
public final class RuleTargetRule extends SimpleRule {
    public RuleTargetRule() {
        super("rule-without-target", Severity.ERROR,
                "A routing rule has neither outboundTag nor balancerTag; V2Ray refuses the config.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Routing.Rule rule : Routing.rules(doc)) {
            String balancer = Keys.text(rule.node(), "balancerTag");
            if (rule.outboundTag() == null && (balancer == null || balancer.isEmpty())) {
                ctx.report(rule.pointer(), "this routing rule says what to match but not where to send it; V2Ray fails with "
                                + "\"neither outboundTag nor balancerTag is specified in routing rule\"",
                        "add \"outboundTag\": the tag of the outbound that should carry the matching traffic");
            }
        }
    }
}
