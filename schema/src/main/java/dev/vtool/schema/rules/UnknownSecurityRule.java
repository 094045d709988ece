package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.List;

/** streamSettings.security other than tls/none: 4.34 silently runs without TLS. */
public final class UnknownSecurityRule extends SimpleRule {
    public UnknownSecurityRule() {
        super("unknown-security", Severity.WARNING,
                "streamSettings.security is neither \"tls\" nor \"none\"; V2Ray 4.34 silently runs without TLS.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            String raw = Keys.text(p.stream(), "security");
            if (raw == null || V2rayEnums.SECURITIES.contains(Keys.lower(raw)) || raw.isEmpty()) {
                continue;
            }
            String at = Keys.ptr(p.streamPtr(), p.stream(), "security");
            String lower = Keys.lower(raw);
            if (List.of("xtls", "reality").contains(lower)) {
                ctx.report(at, "security \"" + raw + "\" does not exist in V2Ray 4.34 (it is an Xray feature); "
                                + "V2Ray silently runs this " + p.side() + " WITHOUT any encryption layer",
                        "use \"security\": \"tls\" with tlsSettings on both sides");
                continue;
            }
            String suggestion = DidYouMean.suggest(raw, V2rayEnums.SECURITIES, V2rayEnums.SECURITY_ALIASES);
            ctx.report(at, "security \"" + raw + "\" is not \"tls\" or \"none\"; V2Ray 4.34 silently treats it as "
                            + "\"none\" and runs WITHOUT TLS." + DidYouMean.phrase(suggestion),
                    suggestion != null ? "write \"security\": \"" + suggestion + "\""
                            : "write \"security\": \"tls\" (or \"none\" if you really want no TLS)");
        }
    }
}
