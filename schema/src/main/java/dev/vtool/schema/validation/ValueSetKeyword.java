package dev.vtool.schema.validation;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code enum} and {@code const} with the draft-07 meaning, for startup time only: networknt's own
 * validators call {@code JsonNode.toString()} while compiling (enum) and on every failed {@code if}
 * condition (const), and in Jackson 3 that boots a complete JsonMapper, about 140 ms of CPU on a cold
 * JVM, which `vtool lint` would pay before saying anything. The violation this reports carries the
 * keyword name, so {@link ViolationWording} words it like any other. Used by {@link LeanDraft7}.
 */
final class ValueSetKeyword implements Keyword {
    private final String name;

    static final ValueSetKeyword ENUM = new ValueSetKeyword("enum");
    static final ValueSetKeyword CONST = new ValueSetKeyword("const");

    private ValueSetKeyword(String name) {
        this.name = name;
    }

    @Override
    public String getValue() {
        return name;
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation location, JsonNode schemaNode, Schema parent,
                                         SchemaContext context) {
        return new Validator(this, schemaNode, location, parent, context);
    }

    private static final class Validator extends BaseKeywordValidator {
        private final List<JsonNode> allowed = new ArrayList<>();
        private final String listed;

        Validator(ValueSetKeyword keyword, JsonNode schemaNode, SchemaLocation location, Schema parent,
                  SchemaContext context) {
            super(keyword, schemaNode, location, parent, context);
            if (keyword.name.equals("enum") && schemaNode.isArray()) {
                schemaNode.forEach(allowed::add);
            } else {
                allowed.add(schemaNode);
            }
            List<String> shown = new ArrayList<>();
            allowed.forEach(v -> shown.add(v.isString() ? v.asString() : v.getNodeType().name().toLowerCase()));
            listed = String.join(", ", shown);
        }

        @Override
        public void validate(ExecutionContext context, JsonNode node, JsonNode root, NodePath instanceLocation) {
            for (JsonNode candidate : allowed) {
                if (sameValue(candidate, node)) {
                    return;
                }
            }
            context.addError(error().instanceNode(node).instanceLocation(instanceLocation)
                    .evaluationPath(context.getEvaluationPath()).locale(context.getExecutionConfig().getLocale())
                    .arguments(listed).build());
        }

        /** JSON equality: 1 equals 1.0; strings, booleans and null by value; containers structurally. */
        private static boolean sameValue(JsonNode a, JsonNode b) {
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue()) == 0;
            }
            return a.equals(b);
        }
    }
}
