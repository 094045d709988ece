package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;

/** freedom redirect must be "host:port" or ":port" (Go's net.SplitHostPort). */
public final class FreedomRedirectRule extends SimpleRule {
    public FreedomRedirectRule() {
        super("freedom-redirect", Severity.ERROR,
                "A freedom redirect that is not \"host:port\" or \":port\"; V2Ray refuses it.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.outbounds(doc)) {
            String r = p.is("freedom") ? Keys.text(p.settings(), "redirect") : null;
            if (r == null || r.isEmpty()) {
                continue;
            }
            String problem = problem(r);
            if (problem != null) {
                ctx.report(Keys.ptr(p.settingsPtr(), p.settings(), "redirect"), "redirect \"" + r + "\" is not host:port; "
                                + "V2Ray fails with \"" + problem + "\"",
                        "write \"host:port\" (e.g. \"1.1.1.1:53\"), \":port\" to keep the host, or \"[::1]:53\" for IPv6");
            }
        }
    }

    /** V2Ray's error for a redirect value, or null when it is fine. */
    static String problem(String r) {
        int colon = r.lastIndexOf(':');
        if (colon < 0) {
            return "invalid redirect address: " + r + ": address " + r + ": missing port in address";
        }
        String host = r.substring(0, colon);
        if (host.startsWith("[") ? !host.endsWith("]") : host.contains(":")) {
            return "invalid redirect address: " + r + ": address " + r + ": too many colons in address";
        }
        String port = r.substring(colon + 1);
        boolean ok = !port.isEmpty() && port.length() <= 10 && port.chars().allMatch(c -> c >= '0' && c <= '9')
                && Long.parseLong(port) <= 65535;
        return ok ? null : "invalid redirect port: " + r;
    }
}
