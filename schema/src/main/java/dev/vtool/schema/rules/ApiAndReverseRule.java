package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** The api object needs a tag; reverse bridges and portals need a tag and a domain. */
public final class ApiAndReverseRule extends SimpleRule {
    public ApiAndReverseRule() {
        super("missing-tag-or-domain", Severity.ERROR,
                "api without a tag, or a reverse bridge/portal without tag or domain; V2Ray refuses the config.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        JsonNode api = Keys.get(doc.root(), "api");
        String apiTag = Keys.text(api, "tag");
        if (api.isObject() && (apiTag == null || apiTag.isEmpty())) {
            ctx.report(Keys.ptr("", doc.root(), "api"), "\"api\" has no \"tag\"; V2Ray fails with \"API tag can't be empty.\"",
                    "add \"tag\": \"api\" and route an inbound to it with a routing rule");
        }
        JsonNode reverse = Keys.get(doc.root(), "reverse");
        String reversePtr = Keys.ptr("", doc.root(), "reverse");
        for (String kind : new String[] {"bridges", "portals"}) {
            JsonNode list = Keys.get(reverse, kind);
            if (!list.isArray()) {
                continue;
            }
            String base = Keys.ptr(reversePtr, reverse, kind);
            String one = kind.substring(0, kind.length() - 1);
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                for (String key : new String[] {"tag", "domain"}) {
                    String v = Keys.text(e, key);
                    if (v == null || v.isEmpty()) {
                        ctx.report(JsonPointers.child(base, i), "this reverse " + one + " has no \"" + key
                                        + "\"; V2Ray fails with \"" + one + " " + key + " is empty\"",
                                "add \"" + key + "\"" + (key.equals("domain") ? ": the same domain on bridge and portal" : ""));
                    }
                }
            }
        }
    }
}
