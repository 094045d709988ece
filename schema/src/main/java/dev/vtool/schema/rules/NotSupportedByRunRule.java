package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigProblems;
import java.util.List;

/**
 * What {@code vtool run} and {@code run -test} would refuse because vtool does not have it yet, shown
 * before deploying. Built by the run model builder itself (schema only, no engine), so lint, run and
 * run -test name exactly the same features with the same words.
 */
public final class NotSupportedByRunRule extends SimpleRule {
    public NotSupportedByRunRule() {
        super("not-supported-by-run", Severity.INFO,
                "The config uses something V2Ray 4.34 has and vtool run does not run yet; vtool run and run -test "
                        + "refuse it (V2Ray runs it).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        ConfigProblems problems = new ConfigProblems(doc);
        new ConfigModelBuilder().build(doc, problems);
        for (ConfigProblems.Problem p : problems.notSupported()) {
            ctx.report(Severity.INFO, p.location(), p.message(),
                    "run this config with v2ray, or leave the feature out to run it with vtool", List.of());
        }
    }
}
