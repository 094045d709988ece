package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Enum values 4.34 accepts without a word and then ignores: network names in rules, dokodemo and
 * Shadowsocks; TLS certificate usage; QUIC security; sockopt tproxy; socks auth.
 */
public final class SilentFallbackRule extends SimpleRule {
    private static final List<String> NETWORKS = List.of("tcp", "udp");

    public SilentFallbackRule() {
        super("silent-fallback", Severity.WARNING,
                "A value V2Ray 4.34 silently ignores or replaces (rule/dokodemo network names, TLS usage, QUIC security, tproxy, socks auth).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Routing.Rule rule : Routing.rules(doc)) {
            networks(ctx, rule.get("network"), rule.ptr("network"), "this rule then never matches that network");
        }
        for (Proxy p : Proxy.all(doc)) {
            if (p.inbound() && (p.is("dokodemo-door") || p.is("shadowsocks"))) {
                networks(ctx, Keys.get(p.settings(), "network"), Keys.ptr(p.settingsPtr(), p.settings(), "network"),
                        "V2Ray silently ignores it");
            }
            if (p.inbound() && p.is("socks")) {
                String auth = Keys.text(p.settings(), "auth");
                if (auth != null && !auth.equals("noauth") && !auth.equalsIgnoreCase("password")) {
                    ctx.report(Keys.ptr(p.settingsPtr(), p.settings(), "auth"), "socks auth \"" + auth
                                    + "\" is neither \"noauth\" nor \"password\"; V2Ray silently uses noauth (no password check)",
                            "write \"auth\": \"password\" (with accounts) or \"noauth\"");
                }
            }
            JsonNode stream = p.stream();
            enumValue(ctx, Keys.get(stream, "quicSettings"), Keys.ptr(p.streamPtr(), stream, "quicSettings"), "security",
                    List.of("none", "aes-128-gcm", "chacha20-poly1305"), "QUIC security", "none (no QUIC encryption)");
            enumValue(ctx, Keys.get(stream, "sockopt"), Keys.ptr(p.streamPtr(), stream, "sockopt"), "tproxy",
                    List.of("redirect", "tproxy", "off"), "sockopt tproxy", "off");
            JsonNode tls = Keys.get(stream, "tlsSettings");
            JsonNode certs = Keys.get(tls, "certificates");
            if (certs.isArray()) {
                String base = Keys.ptr(Keys.ptr(p.streamPtr(), stream, "tlsSettings"), tls, "certificates");
                for (int i = 0; i < certs.size(); i++) {
                    enumValue(ctx, certs.get(i), JsonPointers.child(base, i), "usage",
                            List.of("encipherment", "verify", "issue"), "certificate usage", "encipherment");
                }
            }
        }
    }

    private static void networks(RuleContext ctx, JsonNode value, String ptr, String effect) {
        for (Keys.Item item : Keys.stringList(value, ptr)) {
            if (!NETWORKS.contains(Keys.lower(item.value()))) {
                String suggestion = DidYouMean.suggest(item.value(), NETWORKS);
                ctx.report(item.pointer(), "network \"" + item.value() + "\" is not \"tcp\" or \"udp\""
                                + (item.value().strip().equals(item.value()) ? "" : " (V2Ray does not trim spaces in \"tcp, udp\")")
                                + "; " + effect + "." + DidYouMean.phrase(suggestion),
                        "write \"tcp\", \"udp\" or \"tcp,udp\" (no spaces)");
            }
        }
    }

    private static void enumValue(RuleContext ctx, JsonNode parent, String parentPtr, String key, List<String> known,
                                  String what, String fallback) {
        String v = Keys.text(parent, key);
        if (v == null || v.isEmpty() || known.contains(Keys.lower(v))) {
            return;
        }
        String suggestion = DidYouMean.suggest(v, known);
        ctx.report(Keys.ptr(parentPtr, parent, key), what + " \"" + v + "\" is unknown; V2Ray 4.34 silently uses " + fallback + "."
                        + DidYouMean.phrase(suggestion), "use one of: " + String.join(", ", known));
    }
}
