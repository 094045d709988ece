package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;

/** A Shadowsocks inbound needs a password. */
public final class ShadowsocksPasswordRule extends SimpleRule {
    public ShadowsocksPasswordRule() {
        super("shadowsocks-password", Severity.ERROR,
                "A Shadowsocks inbound without a password; V2Ray fails with \"Shadowsocks password is not specified.\"");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            String pw = p.is("shadowsocks") ? Keys.text(p.settings(), "password") : "skip";
            if (pw == null || pw.isEmpty()) {
                ctx.report(Keys.present(p.settings()) ? p.settingsPtr() : p.ptr("protocol"),
                        "this Shadowsocks inbound has no \"password\"; V2Ray fails with \"Shadowsocks password is not specified.\"",
                        "add \"password\": a long random secret, the same on the client");
            }
        }
    }
}
