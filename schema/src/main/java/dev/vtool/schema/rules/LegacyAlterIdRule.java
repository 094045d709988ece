package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** alterId > 0 selects VMess's legacy MD5 header, which newer V2Ray/Xray refuse. */
public final class LegacyAlterIdRule extends SimpleRule {
    public LegacyAlterIdRule() {
        super("legacy-alter-id", Severity.WARNING,
                "alterId > 0 uses the deprecated legacy VMess (MD5) header; newer V2Ray and Xray only accept alterId 0.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            if (!p.is("vmess")) {
                continue;
            }
            p.forEachUser((ptr, user) -> {
                JsonNode a = Keys.get(user, "alterId");
                if (!AlterIdRangeRule.isUint16(a) || a.longValue() == 0) {
                    return;
                }
                String effect = p.inbound()
                        ? "this server then also accepts legacy-header clients"
                        : "this client then sends the legacy header, which servers with alterId 0 (and all newer "
                          + "V2Ray/Xray servers) reject as \"invalid user\"";
                ctx.report(Keys.ptr(ptr, user, "alterId"), "alterId " + a.longValue()
                                + " selects the deprecated legacy VMess (MD5) header; " + effect,
                        "set \"alterId\": 0 on the client (AEAD header; works with any 4.34 server)"
                                + (p.inbound() ? " and on the server once all clients use 0" : ""));
            });
        }
    }
}
