package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** VMess/VLESS/Trojan inbounds with no clients accept nobody. */
public final class InboundWithoutClientsRule extends SimpleRule {
    public InboundWithoutClientsRule() {
        super("inbound-without-clients", Severity.WARNING,
                "A vmess/vless/trojan inbound has no clients; V2Ray starts, but rejects every connection as an invalid user.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            if (!p.is("vmess") && !p.is("vless") && !p.is("trojan")) {
                continue;
            }
            JsonNode clients = Keys.get(p.settings(), "clients");
            if (clients.isArray() && !clients.isEmpty()) {
                continue;
            }
            String at = Keys.present(clients) ? Keys.ptr(p.settingsPtr(), p.settings(), "clients")
                    : Keys.present(p.settings()) ? p.settingsPtr() : p.ptr("protocol");
            String example = p.is("trojan") ? "{\"password\": \"...\"}" : "{\"id\": \"<UUID>\"" + (p.is("vmess") ? ", \"alterId\": 0" : "") + "}";
            ctx.report(at, "this " + p.protocol() + " inbound has no clients; V2Ray starts, but every connection is "
                            + "rejected as an invalid user",
                    "add \"clients\": [" + example + "] with the same credentials as your client config");
        }
    }
}
