package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;

/** VMess user security values that 4.34 silently replaces by "auto". */
public final class UnknownVmessSecurityRule extends SimpleRule {
    public UnknownVmessSecurityRule() {
        super("unknown-vmess-security", Severity.WARNING,
                "A VMess user's security is not aes-128-gcm/chacha20-poly1305/auto/none; V2Ray 4.34 silently uses auto.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.outbounds(doc)) {
            if (!p.is("vmess")) {
                continue;
            }
            p.forEachUser((ptr, user) -> {
                String raw = Keys.text(user, "security");
                if (raw == null || raw.isEmpty() || V2rayEnums.VMESS_SECURITIES.contains(Keys.lower(raw))) {
                    return;
                }
                String suggestion = DidYouMean.suggest(raw, V2rayEnums.VMESS_SECURITIES);
                ctx.report(Keys.ptr(ptr, user, "security"), "VMess security \"" + raw
                                + "\" is unknown to V2Ray 4.34, which silently uses \"auto\"." + DidYouMean.phrase(suggestion),
                        "use one of: " + String.join(", ", V2rayEnums.VMESS_SECURITIES));
            });
        }
    }
}
