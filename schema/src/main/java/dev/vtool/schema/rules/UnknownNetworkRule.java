package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import dev.vtool.schema.text.V2rayMessages;
import java.util.List;

/** streamSettings.network values that 4.34 rejects (including transports of later versions). */
public final class UnknownNetworkRule extends SimpleRule {
    private static final List<String> LATER_TRANSPORTS = List.of("grpc", "gun", "httpupgrade", "splithttp", "xhttp", "raw");

    public UnknownNetworkRule() {
        super("unknown-network", Severity.ERROR,
                "streamSettings.network is not a transport of V2Ray 4.34 (tcp, kcp, ws, http/h2, ds, quic).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            String raw = Keys.text(p.stream(), "network");
            if (raw == null || V2rayEnums.NETWORKS.contains(Keys.lower(raw))) {
                continue;
            }
            String at = Keys.ptr(p.streamPtr(), p.stream(), "network");
            String v2ray = "V2Ray fails with \"" + V2rayMessages.unknownTransportProtocol(raw) + "\"";
            if (LATER_TRANSPORTS.contains(Keys.lower(raw))) {
                ctx.report(at, "network \"" + raw + "\" does not exist in V2Ray 4.34 (it came with Xray / V2Ray 5); " + v2ray,
                        "use a 4.34 transport such as \"ws\" (WebSocket) or \"h2\" on both client and server");
                continue;
            }
            String suggestion = DidYouMean.suggest(raw, V2rayEnums.NETWORKS, V2rayEnums.NETWORK_ALIASES);
            ctx.report(at, "unknown network \"" + raw + "\"; " + v2ray + "." + DidYouMean.phrase(suggestion),
                    suggestion != null ? "write \"network\": \"" + suggestion + "\""
                            : "use one of: tcp, kcp, ws, h2, ds, quic (or remove it for tcp)");
        }
    }
}
