package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import dev.vtool.schema.text.V2rayMessages;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** blackhole response.type must be none or http. */
public final class BlackholeResponseRule extends SimpleRule {
    public BlackholeResponseRule() {
        super("blackhole-response", Severity.ERROR,
                "A blackhole response without a type, or with a type other than none/http; V2Ray refuses the config.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.outbounds(doc)) {
            if (!p.is("blackhole")) {
                continue;
            }
            JsonNode response = Keys.get(p.settings(), "response");
            if (!response.isObject()) {
                continue;
            }
            String responsePtr = Keys.ptr(p.settingsPtr(), p.settings(), "response");
            // V2Ray's config loader looks "type" up by its exact spelling, unlike struct fields
            JsonNode type = response.has("type") ? response.get("type") : tools.jackson.databind.node.MissingNode.getInstance();
            String prefix = "V2Ray fails with \"" + V2rayMessages.BLACKHOLE_RESPONSE_FAILED + V2rayMessages.CAUSE;
            String otherCase = Keys.name(response, "type");
            if (!Keys.present(type)) {
                ctx.report(otherCase != null && !otherCase.equals("type") ? Keys.ptr(responsePtr, response, "type") : responsePtr,
                        "blackhole \"response\" has no \"type\"" + (otherCase != null && !otherCase.equals("type")
                                ? " (\"" + otherCase + "\" does not count: this key is case-sensitive)" : "")
                                + "; " + prefix + V2rayMessages.notFoundInJsonContext("type") + "\"",
                        "write \"response\": {\"type\": \"http\"} (answer 403) or {\"type\": \"none\"} (just close)");
            } else if (type.isString() && !V2rayEnums.BLACKHOLE_RESPONSES.contains(Keys.lower(type.stringValue()))) {
                String suggestion = DidYouMean.suggest(type.stringValue(), V2rayEnums.BLACKHOLE_RESPONSES, Map.of("https", "http"));
                ctx.report(JsonPointers.child(responsePtr, "type"), "unknown blackhole response type \"" + type.stringValue()
                                + "\"; " + prefix + V2rayMessages.unknownConfigId(type.stringValue()) + "\"." + DidYouMean.phrase(suggestion),
                        "use \"type\": \"http\" (answer 403) or \"none\" (just close)");
            }
        }
    }
}
