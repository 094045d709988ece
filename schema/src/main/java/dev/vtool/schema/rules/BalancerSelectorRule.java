package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Balancer selectors are tag prefixes; one that prefixes no outbound tag selects nothing. */
public final class BalancerSelectorRule extends SimpleRule {
    public BalancerSelectorRule() {
        super("balancer-selector-unmatched", Severity.WARNING,
                "A balancer selector (an outbound tag prefix) matches no outbound tag.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        Set<String> outTags = Routing.outboundTags(doc);
        JsonNode routing = Keys.get(doc.root(), "routing");
        JsonNode balancers = Keys.get(routing, "balancers");
        if (!balancers.isArray()) {
            return;
        }
        String base = Keys.ptr(Keys.ptr("", doc.root(), "routing"), routing, "balancers");
        for (int i = 0; i < balancers.size(); i++) {
            JsonNode b = balancers.get(i);
            String bPtr = JsonPointers.child(base, i);
            for (Keys.Item item : Keys.stringList(Keys.get(b, "selector"), Keys.ptr(bPtr, b, "selector"))) {
                if (outTags.stream().noneMatch(t -> t.startsWith(item.value()))) {
                    String suggestion = DidYouMean.suggest(item.value(), outTags);
                    ctx.report(item.pointer(), "selector \"" + item.value() + "\" is the prefix of no outbound tag, so it "
                                    + "adds no outbound to this balancer." + DidYouMean.phrase(suggestion),
                            "use the beginning of an outbound tag (selectors match tags by prefix)"
                                    + (outTags.isEmpty() ? "" : "; outbound tags: " + String.join(", ", outTags)));
                }
            }
        }
    }
}
