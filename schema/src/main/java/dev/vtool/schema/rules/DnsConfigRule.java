package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * DNS servers 4.34 cannot use: "host:port" strings fail at start (Go's URL parser), tcp:// and udp://
 * forms are taken as host names (warning), and clientIp must be an IP.
 */
public final class DnsConfigRule extends SimpleRule {
    public DnsConfigRule() {
        super("dns-server", Severity.ERROR,
                "A DNS server address 4.34 cannot use (\"8.8.8.8:53\", tcp://, udp://) or a clientIp that is not an IP.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        JsonNode dns = Keys.get(doc.root(), "dns");
        String dnsPtr = Keys.ptr("", doc.root(), "dns");
        String clientIp = Keys.text(dns, "clientIp");
        if (clientIp != null && !GoAddress.isIp(clientIp)) {
            ctx.report(Keys.ptr(dnsPtr, dns, "clientIp"), "clientIp \"" + clientIp + "\" is not an IP address; V2Ray fails with "
                    + "\"not an IP address:" + GoAddress.normalize(clientIp) + "\"", "write your public IP address, or remove clientIp");
        }
        JsonNode servers = Keys.get(dns, "servers");
        if (!servers.isArray()) {
            return;
        }
        String base = Keys.ptr(dnsPtr, dns, "servers");
        for (int i = 0; i < servers.size(); i++) {
            JsonNode s = servers.get(i);
            String ptr = JsonPointers.child(base, i);
            if (s.isObject()) {
                ptr = Keys.ptr(ptr, s, "address");
                s = Keys.get(s, "address");
            }
            if (s.isString()) {
                checkAddress(ctx, s.stringValue(), ptr);
            }
        }
    }

    private static void checkAddress(RuleContext ctx, String raw, String ptr) {
        if (GoAddress.isIp(raw)) {
            return;
        }
        String a = GoAddress.normalize(raw);
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tcp://") || lower.startsWith("tcp+local://") || lower.startsWith("udp://")) {
            ctx.report(Severity.WARNING, ptr, "\"" + raw + "\" is not a DNS server form of V2Ray 4.34 (it came later); 4.34 "
                            + "takes the whole text as a host name and every query through it fails",
                    "write the plain IP (\"8.8.8.8\", UDP port 53), or an \"https://\" / \"https+local://\" DoH URL");
            return;
        }
        String urlError = goUrlError(a);
        if (urlError != null) {
            boolean hostPort = a.matches("[^/]*:\\d+");
            ctx.report(ptr, "DNS server \"" + raw + "\" cannot be parsed; V2Ray fails with \"failed to create nameserver > parse \\\""
                            + a + "\\\": " + urlError + "\"",
                    hostPort ? "write the address alone (\"" + a.substring(0, a.lastIndexOf(':'))
                            + "\") and the port separately: {\"address\": ..., \"port\": " + a.substring(a.lastIndexOf(':') + 1) + "}"
                            : "write a plain IP address or an https:// URL");
        }
    }

    /** The error Go's url.Parse gives for a scheme-less text with a colon in its first segment, else null. */
    static String goUrlError(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                return i == 0 ? "missing protocol scheme" : null;
            }
            break;
        }
        int slash = s.indexOf('/');
        String first = slash < 0 ? s : s.substring(0, slash);
        return first.contains(":") ? "first path segment in URL cannot contain colon" : null;
    }
}
