package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.Set;

/** balancerTag naming no balancer: 4.34 fails with "balancer X not found". */
public final class UnknownBalancerRule extends SimpleRule {
    public UnknownBalancerRule() {
        super("unknown-balancer", Severity.ERROR,
                "A routing rule's balancerTag names no routing.balancers entry; V2Ray fails with \"balancer X not found\".");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        Set<String> balancers = Routing.balancerTags(doc);
        for (Routing.Rule rule : Routing.rules(doc)) {
            String tag = rule.balancerTag();
            if (tag != null && !balancers.contains(tag)) {
                String suggestion = DidYouMean.suggest(tag, balancers);
                ctx.report(rule.ptr("balancerTag"), "no balancer has tag \"" + tag + "\"; V2Ray fails with \"balancer " + tag
                                + " not found\"." + DidYouMean.phrase(suggestion),
                        suggestion != null ? "write \"balancerTag\": \"" + suggestion + "\""
                                : "add {\"tag\": \"" + tag + "\", \"selector\": [...]} to routing.balancers, or use \"outboundTag\"");
            }
        }
    }
}
