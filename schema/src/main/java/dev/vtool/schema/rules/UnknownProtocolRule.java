package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.protocol.ConfigProtocols;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.text.DidYouMean;
import dev.vtool.schema.text.V2rayMessages;
import java.util.List;

/** Inbound/outbound protocol ids that nothing registered on that side ({@link ConfigProtocols}: 4.34's ids). */
public final class UnknownProtocolRule extends SimpleRule {
    public UnknownProtocolRule() {
        super("unknown-protocol", Severity.ERROR,
                "An inbound or outbound names a protocol V2Ray 4.34 does not have on that side (unknown config id).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            ConfigProtocols registry = ConfigProtocols.discovered();
            List<String> known = registry.ids(p.inbound() ? Side.INBOUND : Side.OUTBOUND);
            List<String> other = registry.ids(p.inbound() ? Side.OUTBOUND : Side.INBOUND);
            if (!Keys.present(p.get("protocol"))) {
                ctx.report(p.pointer(), "this " + p.side() + " has no \"protocol\"; V2Ray fails with \"" + V2rayMessages.unknownConfigId("") + "\"",
                        "add \"protocol\": one of " + String.join(", ", known));
                continue;
            }
            String protocol = p.protocol();
            if (protocol == null || known.contains(protocol)) {
                continue;
            }
            String raw = Keys.text(p.node(), "protocol");
            if (other.contains(protocol)) {
                ctx.report(p.ptr("protocol"), "\"" + raw + "\" is " + (p.inbound() ? "an outbound" : "an inbound")
                                + " protocol and cannot be used as an " + p.side() + "; V2Ray fails with \""
                                + V2rayMessages.unknownConfigId(protocol) + "\"",
                        p.inbound() ? "move it to \"outbounds\", or use an inbound protocol such as socks, http, vmess or dokodemo-door"
                                : "move it to \"inbounds\", or use an outbound protocol such as freedom, blackhole, vmess or socks");
                continue;
            }
            String suggestion = DidYouMean.suggest(protocol, known, V2rayEnums.PROTOCOL_ALIASES);
            ctx.report(p.ptr("protocol"), "unknown " + p.side() + " protocol \"" + raw + "\"; V2Ray fails with \""
                            + V2rayMessages.unknownConfigId(protocol) + "\"." + DidYouMean.phrase(suggestion),
                    suggestion != null ? "write \"protocol\": \"" + suggestion + "\""
                            : "use one of: " + String.join(", ", known));
        }
    }
}
