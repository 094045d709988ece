package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/**
 * Trojan fallbacks that depend on the TLS ALPN. 4.34's Trojan server never sees the negotiated ALPN (it
 * looks for Go's own TLS connection type and gets V2Ray's wrapper), so it always uses the {@code ""} alpn
 * table: an alpn-specific entry is never chosen, and without an entry for alpn {@code ""} every fallback is
 * closed. vtool reads the ALPN as VLESS does (docs/spec/protocols.md, section 5.2).
 */
public final class TrojanFallbackAlpnRule extends SimpleRule {
    public TrojanFallbackAlpnRule() {
        super("trojan-fallback-alpn", Severity.WARNING,
                "A Trojan fallback keyed on \"alpn\": V2Ray 4.34 never sees the negotiated ALPN on Trojan, so it never "
                        + "chooses that entry (vtool does).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            if (!p.is("trojan")) {
                continue;
            }
            JsonNode list = Keys.get(p.settings(), "fallbacks");
            if (!list.isArray() || list.isEmpty()) {
                continue;
            }
            String base = Keys.ptr(p.settingsPtr(), p.settings(), "fallbacks");
            boolean anyDefault = false;
            String firstAlpn = null;
            for (int i = 0; i < list.size(); i++) {
                String alpn = Keys.text(list.get(i), "alpn");
                if (alpn == null || alpn.isEmpty()) {
                    anyDefault = true;
                    continue;
                }
                String ptr = Keys.ptr(JsonPointers.child(base, i), list.get(i), "alpn");
                firstAlpn = firstAlpn == null ? ptr : firstAlpn;
                ctx.report(ptr, "V2Ray 4.34's Trojan server never sees the negotiated ALPN, so it never chooses this "
                                + "\"alpn\": \"" + alpn + "\" fallback (it uses the entries without \"alpn\"); vtool chooses it "
                                + "when the client negotiated " + alpn,
                        "if the config must behave the same under V2Ray, use \"path\" or a VLESS inbound (which honours alpn) instead");
            }
            if (!anyDefault && firstAlpn != null) {
                ctx.report(base, "every Trojan fallback here has an \"alpn\"; V2Ray 4.34 then closes every non-Trojan "
                                + "connection (\"failed to find the default alpn config\") while vtool serves the matching entry",
                        "add a fallback without \"alpn\" (e.g. {\"dest\": 80}) as the default");
            }
        }
    }
}
