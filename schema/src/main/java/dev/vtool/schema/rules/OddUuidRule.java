package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.vmess.V2rayUuid;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Ids 4.34 accepts leniently but other tools may read differently. */
public final class OddUuidRule extends SimpleRule {
    public OddUuidRule() {
        super("odd-uuid", Severity.WARNING,
                "A user id V2Ray 4.34 accepts only because its parser is lenient (no dashes, upper case, trailing text).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            if (!p.is("vmess") && !p.is("vless")) {
                continue;
            }
            p.forEachUser((ptr, user) -> {
                JsonNode id = Keys.get(user, "id");
                if (!id.isString() || V2rayUuid.isCanonical(id.stringValue())) {
                    return;
                }
                V2rayUuid.Parse r = V2rayUuid.parse(id.stringValue());
                if (!r.ok()) {
                    return;
                }
                String canonical = V2rayUuid.format(r.bytes());
                ctx.report(Keys.ptr(ptr, user, "id"), "id \"" + id.stringValue() + "\" " + oddity(id.stringValue())
                                + "; V2Ray 4.34 reads it as " + canonical + ", but other clients and tools may not",
                        "write the canonical form \"" + canonical + "\"");
            });
        }
    }

    private static String oddity(String id) {
        int digits = 0;
        int end = 0;
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        // find where the 32nd hex digit ends, to name ignored trailing text
        for (int i = 0; i < b.length && digits < 32; i++) {
            if (Character.digit(b[i], 16) >= 0) {
                digits++;
            }
            end = i + 1;
        }
        if (end < b.length) {
            return "has text after the UUID (\"" + new String(b, end, b.length - end, StandardCharsets.UTF_8)
                    + "\") that V2Ray silently ignores";
        }
        if (!id.equals(id.toLowerCase())) {
            return "is in upper case";
        }
        return "is not in the usual 8-4-4-4-12 form with dashes";
    }
}
