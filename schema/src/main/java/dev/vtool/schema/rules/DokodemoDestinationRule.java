package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/**
 * What a dokodemo-door inbound needs to forward anything. An empty "network" list stops 4.34 when it creates
 * the server ("no network specified"). Without "followRedirect" it forwards to its fixed address and port; when
 * either is missing 4.34 starts anyway and then fails every connection ("unable to get destination", or a dial to
 * port 0), so that is a warning: vtool is stricter than V2Ray's -test here.
 */
public final class DokodemoDestinationRule extends SimpleRule {
    public DokodemoDestinationRule() {
        super("dokodemo-destination", Severity.WARNING,
                "A dokodemo-door inbound without a network (error), or without address/port and without followRedirect (warning).");
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
            JsonNode port = Keys.get(s, "port");
            boolean noAddress = address == null || address.isEmpty();
            boolean noPort = !port.isIntegralNumber() || port.longValue() == 0;
            if (!noAddress && !noPort) {
                continue;
            }
            String missing = noAddress && noPort ? "\"address\" and \"port\"" : noAddress ? "\"address\"" : "\"port\"";
            ctx.report(Severity.WARNING, Keys.present(s) ? p.settingsPtr() : p.ptr("protocol"),
                    "this dokodemo-door inbound has no " + missing + " and no \"followRedirect\": V2Ray 4.34 starts, but "
                            + (noAddress ? "fails every connection with \"unable to get destination\""
                            : "dials port 0 for every connection, which fails"),
                    "set \"address\" and \"port\" to where it should forward, or \"followRedirect\": true for a "
                            + "transparent proxy (iptables REDIRECT/TPROXY)");
        }
    }
}
