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
            if (!c.isNumber()) {
                continue;
            }
            String at = Keys.ptr(p.ptr("mux"), mux, "concurrency");
            if (!c.isIntegralNumber() || !c.canConvertToLong() || c.longValue() < Short.MIN_VALUE
                    || c.longValue() > Short.MAX_VALUE) {
                ctx.report(at, "mux concurrency " + c + " is not a whole number from -32768 to 32767; V2Ray fails while "
                                + "reading the config (cannot unmarshal number " + c + " into Go struct field MuxConfig"
                                + ".concurrency of type int16)",
                        "use a value from 1 to 1024 (8 is the default), or -1 to turn mux off");
            } else if (c.longValue() > 1024) {
                ctx.report(at, "mux concurrency " + c.longValue() + " is above 1024; V2Ray fails with \"invalid mux concurrency: "
                                + c.longValue() + "\"" + (Keys.get(mux, "enabled").asBoolean(false) ? "" : " even though mux is not enabled"),
                        "use a value from 1 to 1024 (8 is the default), or a negative value to turn mux off");
            }
        }
    }
}
