package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Outbound proxySettings (chaining) needs the tag of another outbound. */
public final class ProxySettingsRule extends SimpleRule {
    public ProxySettingsRule() {
        super("proxy-settings", Severity.ERROR,
                "An outbound's proxySettings without a tag (V2Ray refuses it) or naming no outbound (warning).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        Set<String> tags = Routing.outboundTags(doc);
        for (Proxy p : Proxy.outbounds(doc)) {
            JsonNode ps = p.get("proxySettings");
            if (!ps.isObject()) {
                continue;
            }
            String tag = Keys.text(ps, "tag");
            if (tag == null || tag.isEmpty()) {
                ctx.report(p.ptr("proxySettings"), "\"proxySettings\" has no \"tag\"; V2Ray fails with \"Proxy tag is not set.\"",
                        "set \"tag\" to the outbound this one should be sent through, or remove proxySettings");
            } else if (!tags.contains(tag)) {
                String suggestion = DidYouMean.suggest(tag, tags);
                ctx.report(Severity.WARNING, Keys.ptr(p.ptr("proxySettings"), ps, "tag"), "no outbound has tag \"" + tag
                                + "\"; V2Ray accepts this, but every connection through this outbound fails."
                                + DidYouMean.phrase(suggestion),
                        suggestion != null ? "write \"tag\": \"" + suggestion + "\"" : "name an existing outbound's tag");
            }
        }
    }
}
