package dev.vtool.schema.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundled JSON Schema of V2Ray 4.34's config: its text (for {@code vtool schema}), its tree (to read
 * vtool's {@code x-vtool-*} annotations back) and the compiled networknt schema. Loaded from the classpath
 * only; the draft-07 meta-schema is built into networknt, so nothing is fetched.
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
        // The shared mapper is the one networknt needs anyway (JsonNode.toString), so it is built only once.
        JsonNode tree = JsonMapper.shared().readTree(text);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        Schema compiled = registry.getSchema(tree);
        compiled.initializeValidators(); // compile every $ref now (on the preload thread), not during the first validation
        return new SchemaModel(text, tree, compiled);
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
