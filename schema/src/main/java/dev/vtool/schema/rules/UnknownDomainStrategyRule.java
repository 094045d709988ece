package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** routing and freedom domainStrategy values that 4.34 silently replaces by AsIs. */
public final class UnknownDomainStrategyRule extends SimpleRule {
    public UnknownDomainStrategyRule() {
        super("unknown-domain-strategy", Severity.WARNING,
                "A routing or freedom domainStrategy V2Ray 4.34 does not know; it silently falls back to AsIs.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        JsonNode routing = Keys.get(doc.root(), "routing");
        String routingPtr = Keys.ptr("", doc.root(), "routing");
        checkOne(ctx, routing, routingPtr, "routing", V2rayEnums.ROUTING_DOMAIN_STRATEGIES,
                V2rayEnums.ROUTING_DOMAIN_STRATEGY_NAMES);
        JsonNode legacy = Keys.get(routing, "settings");
        checkOne(ctx, legacy, Keys.ptr(routingPtr, routing, "settings"), "routing",
                V2rayEnums.ROUTING_DOMAIN_STRATEGIES, V2rayEnums.ROUTING_DOMAIN_STRATEGY_NAMES);
        for (Proxy p : Proxy.outbounds(doc)) {
            if (p.is("freedom")) {
                checkOne(ctx, p.settings(), p.settingsPtr(), "freedom", V2rayEnums.FREEDOM_DOMAIN_STRATEGIES,
                        V2rayEnums.FREEDOM_DOMAIN_STRATEGY_NAMES);
            }
        }
    }

    private static void checkOne(RuleContext ctx, JsonNode parent, String parentPtr, String where,
                                 List<String> accepted, List<String> names) {
        String raw = Keys.text(parent, "domainStrategy");
        if (raw == null || accepted.contains(Keys.lower(raw))) {
            return;
        }
        String suggestion = DidYouMean.suggest(raw, names);
        ctx.report(Keys.ptr(parentPtr, parent, "domainStrategy"),
                where + " domainStrategy \"" + raw + "\" is unknown to V2Ray 4.34, which silently uses \"AsIs\"."
                        + DidYouMean.phrase(suggestion),
                "use one of: " + String.join(", ", names));
    }
}
