package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.V2rayMessages;
import dev.vtool.schema.vmess.V2rayUuid;
import tools.jackson.databind.JsonNode;

/** VMess/VLESS user ids that 4.34's UUID parser rejects (or crashes on). */
public final class InvalidUuidRule extends SimpleRule {
    public InvalidUuidRule() {
        super("invalid-uuid", Severity.ERROR,
                "A VMess/VLESS user id that V2Ray 4.34 cannot parse as a UUID (it fails to start, or crashes).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            if (!p.is("vmess") && !p.is("vless")) {
                continue;
            }
            String proto = p.is("vmess") ? "vmess" : "vless";
            p.forEachUser((ptr, user) -> {
                JsonNode id = Keys.get(user, "id");
                if (!Keys.present(id)) {
                    ctx.report(ptr, "this user has no \"id\"; V2Ray fails with \"proxy/" + proto
                                    + ": " + V2rayMessages.failedToParseId("invalid UUID: ") + "\"",
                            "add \"id\": \"<a UUID>\" (generate one with `vtool uuid` or `cat /proc/sys/kernel/random/uuid`)");
                    return;
                }
                if (!id.isString()) {
                    ctx.report(Keys.ptr(ptr, user, "id"), "\"id\" must be a string holding a UUID, not " + id
                                    + "; V2Ray fails with \"cannot unmarshal " + id.getNodeType().name().toLowerCase()
                                    + " into Go struct field ...id of type string\"",
                            "write \"id\": \"<a UUID>\" in quotes");
                    return;
                }
                String text = id.stringValue();
                V2rayUuid.Parse r = V2rayUuid.parse(text);
                String at = Keys.ptr(ptr, user, "id");
                switch (r.outcome()) {
                    case REJECTED -> ctx.report(at, "\"" + text + "\" is not a UUID; V2Ray fails with \"proxy/" + proto
                                    + ": " + V2rayMessages.failedToParseId(r.error()) + "\"" + hint(text),
                            "use a UUID like \"b831381d-6324-4d53-ad4f-8cda48b30811\" "
                                    + "(generate one with `cat /proc/sys/kernel/random/uuid`)");
                    case CRASH -> ctx.report(at, "\"" + text + "\" is 32 characters with dashes, so its last group is short; "
                                    + "V2Ray 4.34 crashes on it (" + r.error() + ")",
                            "write the full 36-character UUID (8-4-4-4-12 hex digits), or drop every dash");
                    default -> {
                    }
                }
            });
        }
    }

    private static String hint(String text) {
        if (text.startsWith("{") || text.toLowerCase().startsWith("urn:")) {
            return " (braces and urn:uuid: prefixes are not accepted)";
        }
        if (text.length() < 32) {
            return " (V2Ray 4.34 has no string-to-UUID mapping; ids must be real UUIDs)";
        }
        return "";
    }
}
