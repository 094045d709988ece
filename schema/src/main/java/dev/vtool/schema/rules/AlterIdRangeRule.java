package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** VMess alterId that is not a whole number 0–65535 (V2Ray decodes it as uint16). */
public final class AlterIdRangeRule extends SimpleRule {
    public AlterIdRangeRule() {
        super("alter-id-range", Severity.ERROR,
                "A VMess alterId that is not a whole number from 0 to 65535; V2Ray fails with \"invalid VMess user\".");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            if (!p.is("vmess")) {
                continue;
            }
            p.forEachUser((ptr, user) -> {
                JsonNode a = Keys.get(user, "alterId");
                if (!Keys.present(a) || isUint16(a)) {
                    return;
                }
                String kind = a.isString() ? "string" : "number " + a;
                ctx.report(Keys.ptr(ptr, user, "alterId"), "alterId " + a + " is not a number from 0 to 65535; V2Ray fails with "
                                + "\"invalid VMess user > json: cannot unmarshal " + kind
                                + " into Go struct field VMessAccount.alterId of type uint16\"",
                        "write \"alterId\": 0 (a plain number; 0 selects the modern AEAD header)");
            });
        }
    }

    static boolean isUint16(JsonNode a) {
        return a.isIntegralNumber() && a.canConvertToLong() && a.longValue() >= 0 && a.longValue() <= 65535;
    }
}
