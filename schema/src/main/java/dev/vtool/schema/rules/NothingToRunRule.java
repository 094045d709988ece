package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.V2rayMessages;
import tools.jackson.databind.JsonNode;

/**
 * A config with no inbound (and no reverse bridge, which connects out on its own): 4.34 says
 * "Configuration OK." even for {@code {}} and then runs without ever accepting a connection.
 */
public final class NothingToRunRule extends SimpleRule {
    public NothingToRunRule() {
        super("nothing-to-run", Severity.WARNING,
                "A config without inbounds (e.g. {}): V2Ray accepts and runs it, but it never accepts a connection.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        if (!doc.root().isObject() || !Proxy.inbounds(doc).isEmpty()) {
            return;
        }
        JsonNode bridges = Keys.get(Keys.get(doc.root(), "reverse"), "bridges");
        if (bridges.isArray() && !bridges.isEmpty()) {
            return; // a reverse bridge dials its portal by itself
        }
        boolean noOutbounds = Proxy.outbounds(doc).isEmpty();
        ctx.report("", "this config has no inbounds" + (noOutbounds ? " and no outbounds" : "") + ": V2Ray 4.34 accepts it "
                        + "(\"" + V2rayMessages.CONFIGURATION_OK + "\") and runs, but nothing can ever connect to it",
                "add an inbound, e.g. {\"port\": 1080, \"listen\": \"127.0.0.1\", \"protocol\": \"socks\"} (vtool init writes a "
                        + "complete config)");
    }
}
