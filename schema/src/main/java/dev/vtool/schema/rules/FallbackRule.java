package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/** VLESS/Trojan fallbacks: 4.34 checks path, xver, dest and the old single "fallback" object. */
public final class FallbackRule extends SimpleRule {
    public FallbackRule() {
        super("fallback", Severity.ERROR,
                "A VLESS/Trojan fallback with a path not starting with /, xver above 2, an unusable dest, or the old \"fallback\" object.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            String name = p.is("vless") ? "VLESS" : p.is("trojan") ? "Trojan" : null;
            if (name == null) {
                continue;
            }
            if (Keys.present(Keys.get(p.settings(), "fallback"))) {
                ctx.reportKey(Keys.ptr(p.settingsPtr(), p.settings(), "fallback"), "the single \"fallback\" object is not "
                                + "supported; V2Ray fails with \"" + name + " settings: please use \"fallbacks\":[{}] instead of \"fallback\":{}\"",
                        "rename it to \"fallbacks\" and wrap the object in [ ]");
            }
            JsonNode list = Keys.get(p.settings(), "fallbacks");
            if (!list.isArray()) {
                continue;
            }
            String base = Keys.ptr(p.settingsPtr(), p.settings(), "fallbacks");
            for (int i = 0; i < list.size(); i++) {
                checkOne(ctx, name, list.get(i), JsonPointers.child(base, i));
            }
        }
    }

    private static void checkOne(RuleContext ctx, String name, JsonNode fb, String ptr) {
        String path = Keys.text(fb, "path");
        if (path != null && !path.isEmpty() && !path.startsWith("/")) {
            ctx.report(Keys.ptr(ptr, fb, "path"), "fallback path \"" + path + "\" does not start with \"/\"; V2Ray fails with \""
                    + name + " fallbacks: \"path\" must be empty or start with \"/\"\"", "write \"path\": \"/" + path + "\"");
        }
        JsonNode xver = Keys.get(fb, "xver");
        if (xver.isIntegralNumber() && xver.canConvertToLong() && xver.longValue() > 2) {
            ctx.report(Keys.ptr(ptr, fb, "xver"), "xver " + xver.longValue() + " is not a PROXY protocol version; V2Ray fails with \""
                    + name + " fallbacks: invalid PROXY protocol version, \"xver\" only accepts 0, 1, 2\"", "use 0 (off), 1 or 2");
        }
        String type = Keys.text(fb, "type");
        if (type == null || type.isEmpty()) {
            JsonNode dest = Keys.get(fb, "dest");
            // a number must fit uint16, or V2Ray reads it as no dest at all
            String d = AlterIdRangeRule.isUint16(dest) ? dest.asString() : dest.isString() ? dest.stringValue() : "";
            if (!usableDest(d)) {
                ctx.report(Keys.present(dest) ? Keys.ptr(ptr, fb, "dest") : ptr, "fallback \"dest\" " + (d.isEmpty() ? "is missing"
                                : "\"" + d + "\" is neither a port, host:port nor a Unix socket path") + "; V2Ray fails with \""
                                + name + " fallbacks: please fill in a valid value for every \"dest\"\"",
                        "write \"dest\": 80 (a local port), \"127.0.0.1:8080\", or \"/dev/shm/web.sock\"");
            }
        }
    }

    private static boolean usableDest(String d) {
        if (d.isEmpty()) {
            return false;
        }
        if (d.equals("serve-ws-none") || d.charAt(0) == '@' || d.charAt(0) == '/') {
            return true;
        }
        if (d.matches("[+-]?\\d+")) {
            return true; // a port on 127.0.0.1
        }
        int colon = d.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        String host = d.substring(0, colon);
        return host.startsWith("[") ? host.endsWith("]") : !host.contains(":");
    }
}
