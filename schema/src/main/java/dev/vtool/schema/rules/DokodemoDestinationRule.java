package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/**
 * What a dokodemo-door inbound needs to forward anything. An empty "network" list stops 4.34 when it creates
 * the server ("no network specified"). Without "followRedirect" it forwards to its fixed address; when that
 * is missing 4.34 starts anyway and then fails every connection ("unable to get destination"), so that is a warning: vtool is stricter than V2Ray's -test here.
 */
public final class DokodemoDestinationRule extends SimpleRule {
    public DokodemoDestinationRule() {
        super("dokodemo-destination", Severity.WARNING,
                "A dokodemo-door inbound without a network (error), or without address and without followRedirect (warning).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            if (!p.is("dokodemo-door")) {
                continue;
            }
            JsonNode s = p.settings();
            JsonNode network = Keys.get(s, "network");
            if (network.isArray() && network.isEmpty()) {
                ctx.report(Severity.ERROR, Keys.ptr(p.settingsPtr(), s, "network"),
                        "dokodemo-door \"network\" is an empty list; V2Ray fails with \"proxy/dokodemo: no network specified\"",
                        "write \"network\": \"tcp\", \"udp\" or \"tcp,udp\", or leave it out (tcp)");
            }
            if (Keys.get(s, "followRedirect").asBoolean(false)) {
                continue; // the destination comes from the redirected connection
            }
            String address = Keys.text(s, "address");
            if (address != null && !address.isEmpty()) {
                continue; // a missing port is fine where routing sends it to the API, which dials nothing
            }
            ctx.report(Severity.WARNING, Keys.present(s) ? p.settingsPtr() : p.ptr("protocol"),
                    "this dokodemo-door inbound has no \"address\" and no \"followRedirect\": V2Ray 4.34 starts, but fails "
                            + "every connection with \"unable to get destination\"",
                    "set \"address\" and \"port\" to where it should forward, or \"followRedirect\": true for a "
                            + "transparent proxy (iptables REDIRECT/TPROXY)");
        }
    }
}
