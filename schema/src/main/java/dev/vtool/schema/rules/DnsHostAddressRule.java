package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/**
 * A {@code dns.hosts} value goes through 4.34's address parser: an IP maps the name, any other text is a domain
 * to answer with instead. Empty text (after the parser's trimming) is neither, and app/dns refuses it when the
 * server is created.
 */
public final class DnsHostAddressRule extends SimpleRule {
    public DnsHostAddressRule() {
        super("dns-host-address", Severity.ERROR,
                "A dns.hosts entry whose address is empty; V2Ray fails with \"neither IP address nor proxied domain specified\".");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        JsonNode dns = Keys.get(doc.root(), "dns");
        JsonNode hosts = Keys.get(dns, "hosts");
        if (!hosts.isObject()) {
            return;
        }
        String hostsPtr = Keys.ptr(Keys.ptr("", doc.root(), "dns"), dns, "hosts");
        for (String name : hosts.propertyNames()) {
            JsonNode value = hosts.get(name);
            if (value.isString() && GoAddress.normalize(value.stringValue()).isEmpty()) {
                ctx.report(JsonPointers.child(hostsPtr, name), "the address for \"" + name + "\" is empty; V2Ray fails with "
                                + "\"failed to create hosts > neither IP address nor proxied domain specified for domain: "
                                + name.replaceFirst("^(domain|full|keyword|regexp|dotless):", "") + "\"",
                        "write the IP address this name should resolve to (or a domain to answer with), or remove the entry");
            }
        }
    }
}
