package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** MTProto inbounds need at least one user with a 32-hex-digit secret. */
public final class MtprotoUserRule extends SimpleRule {
    public MtprotoUserRule() {
        super("mtproto-users", Severity.ERROR,
                "An MTProto inbound without users, or a user secret that is not exactly 32 hex digits; V2Ray refuses it.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            if (!p.is("mtproto")) {
                continue;
            }
            JsonNode users = Keys.get(p.settings(), "users");
            if (!users.isArray() || users.isEmpty()) {
                ctx.report(Keys.present(users) ? Keys.ptr(p.settingsPtr(), p.settings(), "users")
                                : Keys.present(p.settings()) ? p.settingsPtr() : p.ptr("protocol"),
                        "this MTProto inbound has no users; V2Ray fails with \"zero MTProto users configured.\"",
                        "add \"users\": [{\"secret\": \"<32 hex digits>\"}] (e.g. from `openssl rand -hex 16`)");
                continue;
            }
            String base = Keys.ptr(p.settingsPtr(), p.settings(), "users");
            for (int i = 0; i < users.size(); i++) {
                JsonNode user = users.get(i);
                String secret = Keys.text(user, "secret");
                String at = Keys.present(Keys.get(user, "secret")) ? Keys.ptr(JsonPointers.child(base, i), user, "secret")
                        : JsonPointers.child(base, i);
                String s = secret == null ? "" : secret;
                if (s.length() != 32) {
                    ctx.report(at, "MTProto secret has " + s.length() + " characters; V2Ray fails with "
                            + "\"MTProto secret must have 32 chars\"", "use 32 hex digits, e.g. from `openssl rand -hex 16`");
                } else if (!s.matches("[0-9a-fA-F]{32}")) {
                    ctx.report(at, "MTProto secret \"" + s + "\" is not hexadecimal; V2Ray fails with \"failed to decode secret: "
                            + s + "\"", "use only 0-9 and a-f");
                }
            }
        }
    }
}
