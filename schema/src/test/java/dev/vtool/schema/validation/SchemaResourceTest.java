package dev.vtool.schema.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bundled schema itself: valid draft-07, every $ref resolves, and vtool's annotations are well-formed. */
class SchemaResourceTest {
    private static final JsonNode TREE = JsonMapper.shared().readTree(SchemaValidator.schemaText());

    @Test
    void isValidAgainstTheDraft07MetaSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        // networknt ships the draft-07 meta-schema on its classpath: no network access here.
        Schema meta = registry.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        List<Error> errors = meta.validate(TREE);
        assertTrue(errors.isEmpty(), () -> "schema violates draft-07: " + errors);
        // and the meta-schema check is real: a broken schema is caught
        assertTrue(!meta.validate(JsonMapper.shared().readTree("{\"type\": 5, \"required\": \"x\"}")).isEmpty());
        assertEquals("http://json-schema.org/draft-07/schema#", TREE.path("$schema").asString());
    }

    @Test
    void loadsAndCompilesEveryReference() {
        SchemaModel model = SchemaModel.load(SchemaValidator.schemaText());
        assertNotNull(model.compiled);
        List<String> refs = new ArrayList<>();
        collect(TREE, "$ref", refs);
        assertTrue(refs.size() > 50, "expected the definitions to be shared by $ref, found " + refs.size());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/definitions/"), "only local refs (no fetches): " + ref);
            assertTrue(!TREE.at(ref.substring(1)).isMissingNode(), "dangling $ref " + ref);
        }
    }

    @Test
    void everyProtocolHasItsSettingsSchemaAndNoProtocolFromLaterVersions() {
        Set<String> inbound = Set.of("socks", "http", "dokodemo-door", "vmess", "vless", "shadowsocks", "trojan", "mtproto");
        Set<String> outbound = Set.of("socks", "http", "vmess", "vless", "shadowsocks", "trojan", "mtproto", "freedom",
                "blackhole", "dns");
        assertEquals(inbound, strings(TREE.at("/definitions/inbound/properties/protocol/enum")));
        assertEquals(outbound, strings(TREE.at("/definitions/outbound/properties/protocol/enum")));
        assertEquals(inbound.size(), TREE.at("/definitions/inbound/allOf").size());
        assertEquals(outbound.size(), TREE.at("/definitions/outbound/allOf").size());
        Set<String> networks = strings(TREE.at("/definitions/streamSettings/properties/network/enum"));
        assertTrue(!networks.contains("grpc") && networks.contains("domainsocket") && networks.contains("quic"), networks::toString);
        assertTrue(TREE.at("/definitions/streamSettings/properties/grpcSettings").isMissingNode());
        assertTrue(TREE.at("/definitions/freedomOutbound/properties/allowPrivate/description").asString().contains("V2Ray ignores"));
    }

    @Test
    void annotationsAreWellFormed() {
        List<JsonNode> severities = new ArrayList<>();
        collectNodes(TREE, "x-vtool-severity", severities);
        assertTrue(!severities.isEmpty());
        for (JsonNode s : severities) {
            List<String> levels = new ArrayList<>();
            if (s.isString()) {
                levels.add(s.asString());
            } else {
                s.forEach(v -> levels.add(v.asString()));
            }
            for (String level : levels) {
                assertTrue(level.equals("warning") || level.equals("error"), "bad x-vtool-severity " + s);
            }
        }
        // An enum's default must be one of its values, or editors would suggest a wrong value.
        checkDefaults(TREE);
    }

    private static void checkDefaults(JsonNode node) {
        if (node.isObject()) {
            if (node.has("enum") && node.has("default")) {
                assertTrue(strings(node.get("enum")).contains(node.get("default").asString()), "default not in enum: " + node);
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                checkDefaults(e.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(SchemaResourceTest::checkDefaults);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new java.util.TreeSet<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    private static void collect(JsonNode node, String field, List<String> out) {
        List<JsonNode> nodes = new ArrayList<>();
        collectNodes(node, field, nodes);
        nodes.forEach(n -> out.add(n.asString()));
    }

    private static void collectNodes(JsonNode node, String field, List<JsonNode> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals(field)) {
                    out.add(e.getValue());
                } else {
                    collectNodes(e.getValue(), field, out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectNodes(n, field, out));
        }
    }
}
