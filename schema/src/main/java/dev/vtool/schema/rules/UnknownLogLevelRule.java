package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import tools.jackson.databind.JsonNode;

/** log.loglevel values that 4.34 silently replaces by "warning". */
public final class UnknownLogLevelRule extends SimpleRule {
    public UnknownLogLevelRule() {
        super("unknown-log-level", Severity.WARNING,
                "log.loglevel is not debug/info/warning/error/none; V2Ray 4.34 silently uses \"warning\".");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        JsonNode log = Keys.get(doc.root(), "log");
        String raw = Keys.text(log, "loglevel");
        if (raw == null || V2rayEnums.LOG_LEVELS.contains(Keys.lower(raw))) {
            return;
        }
        String suggestion = DidYouMean.suggest(raw, V2rayEnums.LOG_LEVELS, V2rayEnums.LOG_LEVEL_ALIASES);
        ctx.report(Keys.ptr(Keys.ptr("", doc.root(), "log"), log, "loglevel"),
                "log level \"" + raw + "\" is unknown; V2Ray 4.34 silently uses \"warning\"." + DidYouMean.phrase(suggestion),
                suggestion != null ? "write \"loglevel\": \"" + suggestion + "\""
                        : "use one of: " + String.join(", ", V2rayEnums.LOG_LEVELS));
    }
}
