package dev.vtool.schema.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import dev.vtool.schema.protocol.ConfigProtocols;
import dev.vtool.schema.protocol.Side;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bundled JSON Schema of V2Ray 4.34's config: its text (for {@code vtool schema}), its tree (to read
 * vtool's {@code x-vtool-*} annotations back) and the compiled networknt schema. Loaded from the classpath
 * only; the draft-07 meta-schema is built into networknt, so nothing is fetched. Draft-07 as networknt
 * implements it, made cheaper to start (see {@link LeanDraft7}).
 */
final class SchemaModel {
    static final String RESOURCE = "/dev/vtool/schema/v2ray-config.schema.json";

    final String text;
    final JsonNode tree;
    final Schema compiled;

    private SchemaModel(String text, JsonNode tree, Schema compiled) {
        this.text = text;
        this.tree = tree;
        this.compiled = compiled;
    }

    static String readText() {
        try (InputStream in = SchemaModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("vtool is incomplete: resource " + RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static SchemaModel load(String text) {
        JsonNode tree = parse(text);
        addRegisteredProtocols(tree);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(LeanDraft7.create());
        Schema compiled = registry.getSchema(tree);
        compiled.initializeValidators(); // compile every $ref now (on the preload thread), not during the first validation
        return new SchemaModel(text, tree, compiled);
    }

    /**
     * The protocol enums of inbounds and outbounds also admit every id a {@link ConfigProtocols} package
     * registered beyond 4.34's (a protocol added on the class path is known without editing the schema);
     * unknown ids stay schema errors.
     */
    private static void addRegisteredProtocols(JsonNode tree) {
        for (Side side : Side.values()) {
            JsonNode ids = tree.path("definitions").path(side.word()).path("properties").path("protocol").path("enum");
            if (!(ids instanceof ArrayNode array)) {
                continue;
            }
            Set<String> present = new HashSet<>();
            array.forEach(n -> present.add(n.asString()));
            for (String id : ConfigProtocols.discovered().ids(side)) {
                if (present.add(id)) {
                    array.add(id);
                }
            }
        }
    }

    /**
     * A plain tree straight from jackson-core tokens. Not a databind JsonMapper (building one costs ~140 ms
     * of CPU on a cold JVM and nothing else on the lint path needs it), and not the ConfigReader (whose
     * position bookkeeping the schema does not need).
     */
    private static JsonNode parse(String text) {
        try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), text)) {
            return value(parser, parser.nextToken());
        }
    }

    private static JsonNode value(JsonParser p, JsonToken token) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    object.set(name, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(p, t));
                }
                return array;
            }
            case VALUE_STRING:
                return nodes.stringNode(p.getString());
            case VALUE_NUMBER_INT:
                return nodes.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new IllegalStateException("unexpected token " + token + " in " + RESOURCE);
        }
    }

    /**
     * The subschema that holds the keyword at a schema location fragment such as
     * {@code /definitions/log/properties/loglevel/enum} (that is, the node at the fragment's parent).
     */
    JsonNode holderOf(String fragment) {
        int slash = fragment.lastIndexOf('/');
        String parent = slash <= 0 ? "" : fragment.substring(0, slash);
        return parent.isEmpty() ? tree : tree.at(parent);
    }

    JsonNode at(String fragment) {
        return fragment.isEmpty() ? tree : tree.at(fragment);
    }
}
