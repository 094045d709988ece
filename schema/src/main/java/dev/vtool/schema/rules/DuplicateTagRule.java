package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The same tag on two inbounds (or two outbounds). */
public final class DuplicateTagRule extends SimpleRule {
    public DuplicateTagRule() {
        super("duplicate-tag", Severity.WARNING,
                "Two inbounds or two outbounds share a tag; 4.34 accepts it, but routing can reach only one of them.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        checkSide(doc, ctx, Proxy.inbounds(doc));
        checkSide(doc, ctx, Proxy.outbounds(doc));
    }

    private void checkSide(ConfigDocument doc, RuleContext ctx, List<Proxy> proxies) {
        Map<String, Proxy> seen = new HashMap<>();
        for (Proxy p : proxies) {
            String tag = p.tag();
            if (tag == null || tag.isEmpty()) {
                continue;
            }
            Proxy first = seen.putIfAbsent(tag, p);
            if (first != null) {
                Location firstAt = doc.locate(first.ptr("tag"));
                ctx.report(severity(), doc.locate(p.ptr("tag")), "tag \"" + tag + "\" is already used by the " + p.side()
                                + " at line " + firstAt.line() + "; V2Ray accepts duplicates, but a tag then names only one"
                                + " of them (routing rules, stats and the API cannot tell them apart)",
                        "give this " + p.side() + " a unique \"tag\"", List.of(firstAt));
            }
        }
    }
}
