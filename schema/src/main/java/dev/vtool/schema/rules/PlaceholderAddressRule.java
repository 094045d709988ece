package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;

/** Tutorial placeholders (serveraddr.com, your_server_ip, ...) left in server addresses and SNI. */
public final class PlaceholderAddressRule extends SimpleRule {
    public PlaceholderAddressRule() {
        super("placeholder-address", Severity.WARNING,
                "A server address or TLS serverName is still a tutorial placeholder such as serveraddr.com or your_server_ip.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.outbounds(doc)) {
            p.forEachServer((ptr, server) -> {
                String address = Keys.text(server, "address");
                if (Addresses.isPlaceholder(address)) {
                    ctx.report(Keys.ptr(ptr, server, "address"), "server address \"" + address
                                    + "\" looks like a placeholder from a tutorial, not your server",
                            "replace it with your server's IP address or domain name");
                }
            });
            String tlsPtr = Keys.ptr(p.streamPtr(), p.stream(), "tlsSettings");
            var tls = Keys.get(p.stream(), "tlsSettings");
            String sni = Keys.text(tls, "serverName");
            if (Addresses.isPlaceholder(sni)) {
                ctx.report(Keys.ptr(tlsPtr, tls, "serverName"), "TLS serverName \"" + sni
                                + "\" looks like a placeholder; the TLS handshake will check the certificate against it",
                        "use the domain name your server's certificate was issued for");
            }
        }
    }
}
