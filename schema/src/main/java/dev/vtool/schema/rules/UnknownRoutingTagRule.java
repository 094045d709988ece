package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.Set;

/** outboundTag / inboundTag in routing rules that name no outbound / inbound. */
public final class UnknownRoutingTagRule extends SimpleRule {
    public UnknownRoutingTagRule() {
        super("unknown-routing-tag", Severity.WARNING,
                "A routing rule's outboundTag or inboundTag names no such outbound/inbound (4.34 does not check tags).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        Set<String> outTags = Routing.outboundTags(doc);
        Set<String> inTags = Routing.inboundTags(doc);
        Set<String> bridges = Routing.reverseTags(doc, "bridges");
        Set<String> portals = Routing.reverseTags(doc, "portals");
        for (Routing.Rule rule : Routing.rules(doc)) {
            String out = rule.outboundTag();
            if (out != null && !outTags.contains(out) && !bridges.contains(out)) { // reverse-wiring names bridges
                String suggestion = DidYouMean.suggest(out, outTags);
                ctx.report(rule.ptr("outboundTag"), "no outbound has tag \"" + out + "\"; V2Ray accepts the config, but at "
                                + "run time logs \"non existing tag: " + out + "\" and sends this traffic to the default "
                                + "(first) outbound instead." + DidYouMean.phrase(suggestion),
                        suggestion != null ? "write \"outboundTag\": \"" + suggestion + "\""
                                : "add \"tag\": \"" + out + "\" to the intended outbound" + known(outTags));
            }
            for (Keys.Item item : Keys.stringList(rule.get("inboundTag"), rule.ptr("inboundTag"))) {
                if (!inTags.contains(item.value()) && !portals.contains(item.value())) { // reverse-wiring: portals
                    String suggestion = DidYouMean.suggest(item.value(), inTags);
                    ctx.report(item.pointer(), "no inbound has tag \"" + item.value() + "\", so this condition never matches."
                                    + DidYouMean.phrase(suggestion),
                            suggestion != null ? "write \"" + suggestion + "\""
                                    : "add \"tag\": \"" + item.value() + "\" to the intended inbound" + known(inTags));
                }
            }
        }
    }

    private static String known(Set<String> tags) {
        return tags.isEmpty() ? "" : " (known tags: " + String.join(", ", tags) + ")";
    }
}
