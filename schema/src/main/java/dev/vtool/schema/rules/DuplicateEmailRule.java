package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Duplicate user e-mails in one inbound: 4.34 refuses to start ("User X already exists."). */
public final class DuplicateEmailRule extends SimpleRule {
    public DuplicateEmailRule() {
        super("duplicate-email", Severity.ERROR,
                "Two users of one inbound share an e-mail (case-insensitive); V2Ray fails with \"User X already exists.\"");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            if (!p.is("vmess") && !p.is("vless") && !p.is("trojan")) {
                continue;
            }
            Map<String, String> seen = new HashMap<>();
            p.forEachUser((ptr, user) -> {
                String email = Keys.text(user, "email");
                if (email == null || email.isEmpty()) {
                    return;
                }
                String at = Keys.ptr(ptr, user, "email");
                String first = seen.putIfAbsent(email.toLowerCase(Locale.ROOT), at);
                if (first != null) {
                    Location firstAt = doc.locate(first);
                    ctx.report(severity(), doc.locate(at), "e-mail \"" + email + "\" is already used in this inbound (line "
                                    + firstAt.line() + ", compared ignoring case); V2Ray fails with \"User " + email
                                    + " already exists.\"",
                            "give every user a different \"email\" (or remove it)", List.of(firstAt));
                }
            });
        }
    }
}
