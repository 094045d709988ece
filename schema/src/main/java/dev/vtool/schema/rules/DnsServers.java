package dev.vtool.schema.rules;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/** The object-form entries of {@code dns.servers[]} (a plain string entry has no domains or expectIps). */
final class DnsServers {
    private DnsServers() {
    }

    static void forEach(ConfigDocument doc, BiConsumer<String, JsonNode> each) {
        JsonNode dns = Keys.get(doc.root(), "dns");
        JsonNode servers = Keys.get(dns, "servers");
        if (!servers.isArray()) {
            return;
        }
        String base = Keys.ptr(Keys.ptr("", doc.root(), "dns"), dns, "servers");
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).isObject()) {
                each.accept(JsonPointers.child(base, i), servers.get(i));
            }
        }
    }
}
