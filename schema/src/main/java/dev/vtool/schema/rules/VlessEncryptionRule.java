package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** VLESS needs "decryption": "none" (inbound) and "encryption": "none" (each outbound user), exactly. */
public final class VlessEncryptionRule extends SimpleRule {
    public VlessEncryptionRule() {
        super("vless-encryption", Severity.ERROR,
                "VLESS without \"decryption\": \"none\" (inbound) or \"encryption\": \"none\" (outbound users); V2Ray refuses it.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            if (!p.is("vless")) {
                continue;
            }
            if (p.inbound()) {
                JsonNode d = Keys.get(p.settings(), "decryption");
                if (!d.isString() || !d.stringValue().equals("none")) {
                    ctx.report(Keys.present(d) ? Keys.ptr(p.settingsPtr(), p.settings(), "decryption")
                                    : Keys.present(p.settings()) ? p.settingsPtr() : p.ptr("protocol"),
                            (Keys.present(d) ? "VLESS \"decryption\" is " + d + ", not \"none\" (case-sensitive)"
                                    : "this VLESS inbound has no \"decryption\"")
                                    + "; V2Ray fails with \"VLESS settings: please add/set \"decryption\":\"none\" to every settings\"",
                            "add \"decryption\": \"none\" to settings");
                }
                p.forEachUser((ptr, user) -> {
                    String e = Keys.text(user, "encryption");
                    if (e != null && !e.isEmpty()) {
                        ctx.report(Keys.ptr(ptr, user, "encryption"), "\"encryption\" belongs in the client's outbound users; "
                                        + "V2Ray fails with \"VLESS clients: \"encryption\" should not in inbound settings\"",
                                "remove \"encryption\" here; the inbound uses \"decryption\": \"none\" in settings");
                    }
                });
            } else {
                p.forEachUser((ptr, user) -> {
                    JsonNode e = Keys.get(user, "encryption");
                    if (!e.isString() || !e.stringValue().equals("none")) {
                        ctx.report(Keys.present(e) ? Keys.ptr(ptr, user, "encryption") : ptr,
                                (Keys.present(e) ? "VLESS \"encryption\" is " + e + ", not \"none\" (case-sensitive)"
                                        : "this VLESS user has no \"encryption\"")
                                        + "; V2Ray fails with \"VLESS users: please add/set \"encryption\":\"none\" for every user\"",
                                "add \"encryption\": \"none\" to the user");
                    }
                });
            }
        }
    }
}
