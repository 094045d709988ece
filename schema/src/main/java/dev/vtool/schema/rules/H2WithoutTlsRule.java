package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;

/** HTTP/2 transport on a client without TLS: every connection fails at run time. */
public final class H2WithoutTlsRule extends SimpleRule {
    public H2WithoutTlsRule() {
        super("h2-without-tls", Severity.WARNING,
                "An outbound uses the h2 (http) transport without \"security\": \"tls\"; every connection fails at run time.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            if (!"http".equals(p.network()) || p.tls() || !Keys.present(Keys.get(p.stream(), "network"))) {
                continue;
            }
            String side = p.inbound() ? "clients cannot connect (they must use TLS for h2)"
                    : "V2Ray logs \"TLS must be enabled for http transport.\" for every connection";
            ctx.report(Keys.ptr(p.streamPtr(), p.stream(), "network"), "the h2 (http) transport needs TLS, but this "
                            + p.side() + " has no \"security\": \"tls\"; " + side,
                    "add \"security\": \"tls\" (with tlsSettings) to streamSettings, or use \"ws\"");
        }
    }
}
