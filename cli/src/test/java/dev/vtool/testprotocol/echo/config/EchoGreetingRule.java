package dev.vtool.testprotocol.echo.config;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;

/** The echo protocol's own lint rule: an echo outbound without a greeting. */
final class EchoGreetingRule implements LintRule {
    @Override
    public String id() {
        return "echo-greeting";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String doc() {
        return "An echo outbound needs a greeting (test protocol).";
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        try {
            for (ConfigNode out : ConfigNode.root(doc).array("outbounds")) {
                if ("echo".equals(out.lowerString("protocol", ""))) {
                    ConfigNode settings = out.object("settings");
                    if (settings == null || settings.string("greeting", "").isEmpty()) {
                        ctx.report(out.pointer(), "echo outbound without a greeting", "add \"settings\": {\"greeting\": \"hi\"}");
                    }
                }
            }
        } catch (ConfigModelException e) {
            // a wrongly typed value is the schema's finding, not this rule's
        }
    }
}
