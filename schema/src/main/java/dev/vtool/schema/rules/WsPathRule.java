package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** WebSocket / HTTP/2 paths without a leading slash (4.34 silently adds it). */
public final class WsPathRule extends SimpleRule {
    public WsPathRule() {
        super("path-without-slash", Severity.WARNING,
                "A ws/h2 path does not start with \"/\"; V2Ray 4.34 adds it silently, other clients and proxies may not.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            for (String settingsKey : new String[] {"wsSettings", "httpSettings"}) {
                JsonNode s = Keys.get(p.stream(), settingsKey);
                String path = Keys.text(s, "path");
                if (path == null || path.isEmpty() || path.startsWith("/")) {
                    continue;
                }
                String at = Keys.ptr(Keys.ptr(p.streamPtr(), p.stream(), settingsKey), s, "path");
                ctx.report(at, settingsKey + " path \"" + path + "\" does not start with \"/\"; V2Ray 4.34 uses \"/" + path
                                + "\", but nginx/CDN locations and other clients compare the path as written",
                        "write \"path\": \"/" + path + "\"");
            }
        }
    }
}
