package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** mKCP mtu 576–1460 and tti 10–100 are enforced whenever kcpSettings is present. */
public final class KcpBoundsRule extends SimpleRule {
    public KcpBoundsRule() {
        super("kcp-bounds", Severity.ERROR,
                "kcpSettings.mtu outside 576-1460 or tti outside 10-100; V2Ray refuses the config (whatever the network).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        List<String> parents = new ArrayList<>(); // pointers of objects that may hold kcpSettings
        List<Proxy> proxies = Proxy.all(doc);
        for (Proxy p : proxies) {
            parents.add(p.streamPtr());
        }
        // transport-level defaults are copied only into streams without their own kcpSettings
        if (proxies.stream().anyMatch(p -> !Keys.present(Keys.get(p.stream(), "kcpSettings")))) {
            parents.add(Keys.ptr("", doc.root(), "transport"));
        }
        for (String parentPtr : parents) {
            JsonNode parent = doc.at(parentPtr);
            JsonNode kcp = Keys.get(parent, "kcpSettings");
            String kcpPtr = Keys.ptr(parentPtr, parent, "kcpSettings");
            bound(ctx, kcp, kcpPtr, "mtu", 576, 1460, "invalid mKCP MTU size: ", "1350");
            bound(ctx, kcp, kcpPtr, "tti", 10, 100, "invalid mKCP TTI: ", "50");
        }
    }

    private static void bound(RuleContext ctx, JsonNode kcp, String kcpPtr, String key, long min, long max,
                              String v2ray, String dflt) {
        JsonNode v = Keys.get(kcp, key);
        if (v.isNumber() && !(v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0
                && v.longValue() <= 0xFFFFFFFFL)) {
            ctx.report(Keys.ptr(kcpPtr, kcp, key), "mKCP " + key + " " + v + " is not a whole non-negative number; V2Ray "
                            + "fails while reading the config (it is a uint32)",
                    "use a value from " + min + " to " + max + " (default " + dflt + "), or remove it");
            return;
        }
        if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0
                && (v.longValue() < min || v.longValue() > max)) {
            ctx.report(Keys.ptr(kcpPtr, kcp, key), "mKCP " + key + " " + v.longValue() + " is outside " + min + "-" + max
                            + "; V2Ray fails with \"" + v2ray + v.longValue() + "\"",
                    "use a value from " + min + " to " + max + " (default " + dflt + "), or remove it");
        }
    }
}
