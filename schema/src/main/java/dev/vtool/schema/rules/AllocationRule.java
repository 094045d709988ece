package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code allocate} with strategy "random" must leave ports to rotate: 4.34 refuses a concurrency that is not
 * smaller than the inbound's port range. Its check compares the strategy case-sensitively ("Random" skips it);
 * the strategy enum and the u32 fields are the schema's.
 */
public final class AllocationRule extends SimpleRule {
    public AllocationRule() {
        super("allocation", Severity.ERROR,
                "allocate.strategy \"random\" with a concurrency not smaller than the port range; V2Ray fails with \"not enough ports\".");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            JsonNode allocate = p.get("allocate");
            JsonNode concurrency = Keys.get(allocate, "concurrency");
            if (!"random".equals(Keys.text(allocate, "strategy")) || !concurrency.isIntegralNumber()
                    || !concurrency.canConvertToLong() || concurrency.longValue() < 0) {
                continue;
            }
            InboundPort port = InboundPort.parse(p.get("port"), System::getenv);
            if (!Keys.present(p.get("port")) || !port.ok()) {
                continue; // invalid-port reports it
            }
            long ports = port.to() - port.from() + 1L;
            if (concurrency.longValue() >= ports) {
                ctx.report(Keys.ptr(p.ptr("allocate"), allocate, "concurrency"), "allocate.concurrency "
                                + concurrency.longValue() + " leaves no port to rotate in " + port.from() + "-" + port.to()
                                + "; V2Ray fails with \"not enough ports. concurrency = " + concurrency.longValue() + " ports: "
                                + port.from() + " - " + port.to() + "\"",
                        ports > 1 ? "set \"concurrency\" below " + ports + ", or widen the port range"
                                : "give the inbound a port range such as \"10000-10010\", or drop \"allocate\"");
            }
        }
    }
}
