package dev.vtool.schema.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

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
        // Parsed with vtool's streaming reader, not a databind JsonMapper: building one costs ~140 ms of CPU
        // on a cold JVM, and nothing on the lint path needs it (see ValueSetKeyword).
        ReadResult read = new ConfigReader().read(new SourceFile(RESOURCE, text));
        if (read.document() == null) {
            throw new IllegalStateException("vtool is broken: " + RESOURCE + " is not JSON: " + read.findings());
        }
        JsonNode tree = read.document().root();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(LeanDraft7.create());
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
