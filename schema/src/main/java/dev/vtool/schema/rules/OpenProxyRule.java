package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** SOCKS/HTTP inbounds without authentication that listen beyond this machine. */
public final class OpenProxyRule extends SimpleRule {
    public OpenProxyRule() {
        super("open-proxy", Severity.WARNING,
                "A SOCKS or HTTP inbound without authentication listens on a non-loopback address: anyone can use it.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            String listen = Keys.text(p.node(), "listen");
            boolean exposed = !Addresses.isLocalOnly(listen);
            String where = listen == null ? "all interfaces (no \"listen\")" : "\"" + listen + "\"";
            String localFix = "set \"listen\": \"127.0.0.1\" if only this machine uses it";
            if (p.is("socks")) {
                String auth = Keys.text(p.settings(), "auth");
                String authPtr = Keys.ptr(p.settingsPtr(), p.settings(), "auth");
                if (auth != null && !auth.equals("password") && auth.equalsIgnoreCase("password")) {
                    // 4.34 compares the auth method case-sensitively and falls back to noauth without a word.
                    ctx.report(authPtr, "socks \"auth\": \"" + auth + "\" is not \"password\" (V2Ray compares it "
                                    + "case-sensitively) and silently means noauth: the accounts are ignored"
                                    + (exposed ? " and this inbound on " + where + " is an OPEN PROXY" : ""),
                            "write \"auth\": \"password\" (lower case)");
                } else if (exposed && !"password".equals(auth)) {
                    ctx.report(auth != null ? authPtr : p.pointer(), "socks inbound without authentication listens on "
                                    + where + ": anyone who can reach this port can use it as an open proxy",
                            localFix + ", or set \"auth\": \"password\" with \"accounts\"");
                }
            } else if (p.is("http") && exposed) {
                JsonNode accounts = Keys.get(p.settings(), "accounts");
                if (!accounts.isArray() || accounts.isEmpty()) {
                    ctx.report(p.pointer(), "http inbound without \"accounts\" listens on " + where
                                    + ": anyone who can reach this port can use it as an open proxy",
                            localFix + ", or add \"accounts\": [{\"user\": ..., \"pass\": ...}]");
                }
            }
        }
    }
}
