package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** mux.concurrency above 1024 (4.34 rejects it even when mux is disabled). */
public final class MuxConcurrencyRule extends SimpleRule {
    public MuxConcurrencyRule() {
        super("mux-concurrency", Severity.ERROR,
                "mux.concurrency above 1024; V2Ray fails with \"invalid mux concurrency\" even when mux is disabled.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.outbounds(doc)) {
            JsonNode mux = p.get("mux");
            JsonNode c = Keys.get(mux, "concurrency");
            if (c.isIntegralNumber() && c.canConvertToLong() && c.longValue() > 1024) {
                String v2ray = c.longValue() <= 32767 ? "\"invalid mux concurrency: " + c.longValue() + "\""
                        : "a decode error (the value must fit in int16)";
                ctx.report(Keys.ptr(p.ptr("mux"), mux, "concurrency"), "mux concurrency " + c.longValue()
                                + " is above 1024; V2Ray fails with " + v2ray
                                + (Keys.get(mux, "enabled").asBoolean(false) ? "" : " even though mux is not enabled"),
                        "use a value from 1 to 1024 (8 is the default), or a negative value to turn mux off");
            }
        }
    }
}
