package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** sniffing.destOverride (and deprecated domainOverride) names that 4.34 rejects. */
public final class UnknownSniffingProtocolRule extends SimpleRule {
    public UnknownSniffingProtocolRule() {
        super("unknown-sniffing-protocol", Severity.ERROR,
                "sniffing.destOverride names a protocol V2Ray 4.34 cannot sniff (only http and tls).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            JsonNode sniffing = p.get("sniffing");
            String listPtr = Keys.ptr(p.ptr("sniffing"), sniffing, "destOverride");
            for (Keys.Item item : Keys.stringList(Keys.get(sniffing, "destOverride"), listPtr)) {
                report(ctx, item, "failed to build sniffing config > unknown protocol: ");
            }
            for (Keys.Item item : Keys.stringList(p.get("domainOverride"), p.ptr("domainOverride"))) {
                report(ctx, item, "Unknown protocol: ");
            }
        }
    }

    private static void report(RuleContext ctx, Keys.Item item, String v2rayPrefix) {
        if (V2rayEnums.SNIFF_PROTOCOLS.contains(Keys.lower(item.value()))) {
            return;
        }
        String suggestion = DidYouMean.suggest(item.value(), List.of("http", "tls"), Map.of("https", "tls", "ssl", "tls"));
        String extra = List.of("fakedns", "quic", "bittorrent").contains(Keys.lower(item.value()))
                ? " (\"" + item.value() + "\" sniffing exists only in later V2Ray/Xray versions)"
                : !item.value().equals(item.value().strip()) ? " (V2Ray does not trim spaces around list items)" : "";
        ctx.report(item.pointer(), "cannot sniff \"" + item.value() + "\"" + extra + "; V2Ray 4.34 fails with \""
                        + v2rayPrefix + item.value() + "\"." + DidYouMean.phrase(suggestion),
                "destOverride accepts only \"http\" and \"tls\": write [\"http\", \"tls\"]");
    }
}
