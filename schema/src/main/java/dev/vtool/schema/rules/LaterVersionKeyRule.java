package dev.vtool.schema.rules;

import dev.vtool.schema.json.GoKeys;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Keys of Xray / V2Ray 5 that 4.34 silently ignores, named as such. */
public final class LaterVersionKeyRule extends SimpleRule {
    private static final List<String> TOP = List.of("fakedns", "browserForwarder", "observatory", "burstObservatory",
            "metrics", "services");
    private static final List<String> STREAM = List.of("grpcSettings", "xtlsSettings", "realitySettings",
            "httpupgradeSettings", "splithttpSettings", "xhttpSettings");
    private static final List<String> SNIFFING = List.of("metadataOnly", "routeOnly", "domainsExcluded");
    private static final List<String> TLS = List.of("fingerprint", "pinnedPeerCertificateChainSha256", "minVersion",
            "maxVersion", "cipherSuites", "rejectUnknownSni", "verifyClientCertificate");
    private static final List<String> DNS = List.of("queryStrategy", "disableCache", "disableFallback",
            "disableFallbackIfMatch");

    public LaterVersionKeyRule() {
        super("later-version-key", Severity.WARNING,
                "A key that exists only in Xray or V2Ray 5 (fakedns, grpcSettings, TLS fingerprint, ...); 4.34 silently ignores it.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        scan(ctx, doc.root(), "", TOP, "top-level section");
        scan(ctx, Keys.get(doc.root(), "dns"), Keys.ptr("", doc.root(), "dns"), DNS, "dns option");
        for (Proxy p : Proxy.all(doc)) {
            JsonNode stream = p.stream();
            scan(ctx, stream, p.streamPtr(), STREAM, "streamSettings key");
            scan(ctx, Keys.get(stream, "tlsSettings"), Keys.ptr(p.streamPtr(), stream, "tlsSettings"), TLS, "TLS option");
            scan(ctx, Keys.get(stream, "sockopt"), Keys.ptr(p.streamPtr(), stream, "sockopt"),
                    List.of("tfo"), "sockopt key (4.34 spells it tcpFastOpen)");
            if (p.inbound()) {
                scan(ctx, p.get("sniffing"), p.ptr("sniffing"), SNIFFING, "sniffing option");
            }
        }
    }

    private static void scan(RuleContext ctx, JsonNode obj, String ptr, List<String> keys, String what) {
        if (!obj.isObject()) {
            return;
        }
        for (String name : obj.propertyNames()) {
            for (String k : keys) {
                if (GoKeys.equalFold(name, k)) {
                    ctx.reportKey(JsonPointers.child(ptr, name), what + " \"" + name + "\" does not exist in V2Ray 4.34 "
                                    + "(it belongs to Xray / V2Ray 5); 4.34 silently ignores it",
                            "remove it, or run a V2Ray/Xray version that supports it on both ends");
                }
            }
        }
    }
}
