package dev.vtool.schema.rules;

import dev.vtool.schema.json.GoKeys;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Keys in freedom/blackhole settings that do not exist (V2Ray silently ignores them). */
public final class UnknownOutboundSettingRule extends SimpleRule {
    public UnknownOutboundSettingRule() {
        super("unknown-outbound-setting", Severity.WARNING,
                "A freedom or blackhole settings key that does not exist; V2Ray silently ignores it.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.outbounds(doc)) {
            List<String> known = p.is("freedom") ? V2rayEnums.FREEDOM_KEYS
                    : p.is("blackhole") ? V2rayEnums.BLACKHOLE_KEYS : null;
            if (known == null || !p.settings().isObject()) {
                continue;
            }
            for (String key : p.settings().propertyNames()) {
                if (known.stream().anyMatch(k -> GoKeys.equalFold(key, k))) {
                    continue;
                }
                String suggestion = DidYouMean.suggest(key, known);
                ctx.reportKey(JsonPointers.child(p.settingsPtr(), key), p.protocol() + " has no setting \"" + key
                                + "\"; V2Ray silently ignores it." + DidYouMean.phrase(suggestion),
                        suggestion != null ? "rename it to \"" + suggestion + "\""
                                : "remove it; " + p.protocol() + " settings are: " + String.join(", ", known));
            }
        }
    }
}
