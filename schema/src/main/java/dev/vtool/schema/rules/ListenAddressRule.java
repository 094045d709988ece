package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;

/** Inbound listen / outbound sendThrough must be IP addresses (or localhost / a Unix socket to listen on). */
public final class ListenAddressRule extends SimpleRule {
    public ListenAddressRule() {
        super("listen-address", Severity.ERROR,
                "An inbound listen or outbound sendThrough that is a domain name (or empty); V2Ray refuses it.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            String listen = Keys.text(p.node(), "listen");
            if (listen == null) {
                continue;
            }
            String a = GoAddress.normalize(listen);
            if (a.isEmpty()) {
                ctx.report(p.ptr("listen"), "\"listen\" is empty; V2Ray 4.34 crashes on it "
                                + "(panic: runtime error: index out of range [0] with length 0)",
                        "remove \"listen\" to listen on all interfaces, or write \"127.0.0.1\"");
            } else if (!GoAddress.isIp(listen) && !a.equals("localhost") && a.charAt(0) != '/' && a.charAt(0) != '@') {
                ctx.report(p.ptr("listen"), "\"listen\" must be an IP address, not \"" + listen
                                + "\"; V2Ray fails with \"unable to listen on domain address: " + a + "\"",
                        "write the IP address of the interface (\"0.0.0.0\" for all, \"127.0.0.1\" for this machine only)");
            }
        }
        for (Proxy p : Proxy.outbounds(doc)) {
            String via = Keys.text(p.node(), "sendThrough");
            if (via != null && !GoAddress.isIp(via)) {
                ctx.report(p.ptr("sendThrough"), "\"sendThrough\" must be a local IP address, not \"" + via
                                + "\"; V2Ray fails with \"unable to send through: " + GoAddress.normalize(via) + "\"",
                        "write the IP address of the local interface to send from, or remove \"sendThrough\"");
            }
        }
    }
}
