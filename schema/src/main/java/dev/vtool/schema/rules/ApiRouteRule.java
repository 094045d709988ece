package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/**
 * The API is an outbound that only routing can reach: with no rule whose outboundTag is the API tag, 4.34 starts
 * the gRPC services but no connection ever gets to them (and -test says nothing).
 */
public final class ApiRouteRule extends SimpleRule {
    public ApiRouteRule() {
        super("api-unrouted", Severity.WARNING,
                "An \"api\" section whose tag no routing rule sends traffic to: V2Ray starts, but the API is unreachable.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        JsonNode api = Keys.get(doc.root(), "api");
        String tag = Keys.text(api, "tag");
        if (tag == null || tag.isEmpty()) {
            return; // missing-tag-or-domain reports it
        }
        for (Routing.Rule rule : Routing.rules(doc)) {
            if (tag.equals(rule.outboundTag())) {
                return;
            }
        }
        String apiPtr = Keys.ptr("", doc.root(), "api");
        ctx.report(Keys.ptr(apiPtr, api, "tag"), "no routing rule sends anything to the API tag \"" + tag + "\": V2Ray 4.34 "
                        + "starts, but no client can reach the API services",
                "add an inbound for the API (usually dokodemo-door on 127.0.0.1 with a \"tag\", e.g. \"api-in\") and a routing "
                        + "rule {\"type\": \"field\", \"inboundTag\": [\"api-in\"], \"outboundTag\": \"" + tag + "\"}");
    }
}
