package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.vmess.V2rayUuid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The same user id twice in one inbound (compared as parsed UUID bytes, like V2Ray). */
public final class DuplicateClientIdRule extends SimpleRule {
    public DuplicateClientIdRule() {
        super("duplicate-client-id", Severity.WARNING,
                "Two clients of one VMess/VLESS inbound have the same id; V2Ray accepts it but they are indistinguishable.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.inbounds(doc)) {
            if (!p.is("vmess") && !p.is("vless")) {
                continue;
            }
            Map<String, String> seen = new HashMap<>();
            p.forEachUser((ptr, user) -> {
                JsonNode id = Keys.get(user, "id");
                V2rayUuid.Parse r = id.isString() ? V2rayUuid.parse(id.stringValue()) : null;
                if (r == null || !r.ok()) {
                    return;
                }
                String at = Keys.ptr(ptr, user, "id");
                String first = seen.putIfAbsent(V2rayUuid.format(r.bytes()), at);
                if (first != null) {
                    Location firstAt = doc.locate(first);
                    ctx.report(severity(), doc.locate(at), "this id is already used by another client of this inbound (line "
                                    + firstAt.line() + "); traffic and stats of both land on the same user",
                            "give every client its own UUID (`cat /proc/sys/kernel/random/uuid`)", List.of(firstAt));
                }
            });
        }
    }
}
