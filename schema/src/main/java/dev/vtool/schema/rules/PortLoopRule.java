package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An outbound server on 127.0.0.1/localhost at a port this same config listens on: a loop. */
public final class PortLoopRule extends SimpleRule {
    public PortLoopRule() {
        super("port-loop", Severity.WARNING,
                "An outbound sends to 127.0.0.1/localhost at a port one of this config's own inbounds listens on (a loop).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        List<Proxy> inbounds = Proxy.inbounds(doc);
        for (Proxy out : Proxy.outbounds(doc)) {
            out.forEachServer((ptr, server) -> {
                String address = Keys.text(server, "address");
                JsonNode port = Keys.get(server, "port");
                if (!Addresses.isLoopback(address) || !AlterIdRangeRule.isUint16(port)) {
                    return;
                }
                for (Proxy in : inbounds) {
                    JsonNode inPort = in.get("port");
                    String listen = Keys.text(in.node(), "listen");
                    if (!Keys.present(inPort) || (listen != null && !listen.isEmpty() && !Addresses.isLoopback(listen)
                            && !listen.equals("0.0.0.0") && !listen.equals("::"))) {
                        continue;
                    }
                    InboundPort range = InboundPort.parse(inPort, System::getenv);
                    if (range.ok() && range.from() <= port.longValue() && port.longValue() <= range.to()) {
                        Location inAt = doc.locate(in.ptr("port"));
                        ctx.report(severity(), doc.locate(Keys.ptr(ptr, server, "port")), "this " + out.protocol()
                                        + " outbound sends to " + address + ":" + port + ", which is this config's own "
                                        + in.protocol() + " inbound (line " + inAt.line() + "): traffic loops back into V2Ray",
                                "point \"address\" at the remote server, not at this machine", List.of(inAt));
                        return;
                    }
                }
            });
        }
    }
}
