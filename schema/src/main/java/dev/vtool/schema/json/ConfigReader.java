package dev.vtool.schema.json;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.source.Position;
import dev.vtool.schema.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads V2Ray's commented JSON ({@code //}, {@code /* *&#47;} and {@code #} comments) into a
 * {@link ConfigDocument} that remembers the position of every key and value. Syntax errors become one
 * finding with a line, a column and a hint for the usual hand-editing mistakes.
 */
public final class ConfigReader {
    public static final RuleInfo SYNTAX = RuleInfo.of("json-syntax", Severity.ERROR,
            "The file is not valid JSON (comments allowed); V2Ray refuses to start.");
    public static final RuleInfo BOM = RuleInfo.of("bom", Severity.ERROR,
            "The file starts with a UTF-8 byte-order mark, which V2Ray rejects.");
    public static final RuleInfo DUPLICATE_KEY = RuleInfo.of("duplicate-key", Severity.WARNING,
            "A key appears twice in one object (also when only its case differs); V2Ray silently uses the last.");
    public static final RuleInfo NOT_AN_OBJECT = RuleInfo.of("not-an-object", Severity.ERROR,
            "The top level of a config must be a JSON object.");
    public static final List<RuleInfo> RULES = List.of(SYNTAX, BOM, DUPLICATE_KEY, NOT_AN_OBJECT);

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .build();

    public ReadResult read(SourceFile source) {
        List<Finding> findings = new ArrayList<>();
        String text = source.text();
        if (text.startsWith("\uFEFF")) {
            findings.add(new Finding(BOM.id(), Severity.ERROR, new Location(source, Position.START),
                    "the file starts with a UTF-8 byte-order mark (BOM); V2Ray fails with "
                            + "\"invalid character 'ï' looking for beginning of value\"",
                    "save the file as \"UTF-8\" without BOM (Notepad: Save As > Encoding: UTF-8)"));
            // Replace rather than strip, so columns on line 1 stay as the editor shows them.
            text = " " + text.substring(1);
        }
        if (text.isBlank() || new SourceScan(text).previousSignificant(text.length()) < 0) {
            findings.add(new Finding(SYNTAX.id(), Severity.ERROR, new Location(source, Position.START),
                    "the file is empty (or only comments); V2Ray fails with \"failed to read config file > EOF\"",
                    "write a config object: { \"inbounds\": [...], \"outbounds\": [...] }"));
            return new ReadResult(null, findings);
        }
        Builder builder = new Builder(source, findings);
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            JsonNode root = builder.value(parser, first, "");
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                TokenStreamLocation at = parser.currentTokenLocation();
                findings.add(new Finding(SYNTAX.id(), Severity.ERROR,
                        new Location(source, at.getLineNr(), at.getColumnNr()),
                        "extra content after the end of the config object",
                        "a config is exactly one {...} object: remove this or merge it into the object"));
                return new ReadResult(null, findings);
            }
            if (!root.isObject()) {
                findings.add(new Finding(NOT_AN_OBJECT.id(), Severity.ERROR, new Location(source,
                        builder.values.getOrDefault("", Position.START)),
                        "the top level is " + kind(root) + ", but a V2Ray config must be an object { ... }",
                        "wrap the content in { } with keys such as \"inbounds\" and \"outbounds\""));
                return new ReadResult(null, findings);
            }
            return new ReadResult(new ConfigDocument(source, root, builder.values, builder.keys), findings);
        } catch (JacksonException e) {
            findings.add(new SyntaxErrorExplainer(source, text).explain(e));
            return new ReadResult(null, findings);
        } catch (NumberOutOfRange e) {
            String shown = e.text.length() > 40 ? e.text.substring(0, 40) + "..." : e.text;
            findings.add(new Finding(SYNTAX.id(), Severity.ERROR, new Location(source, e.at),
                    "the number " + shown + " is out of range; V2Ray cannot read it either",
                    "write a number of ordinary size"));
            return new ReadResult(null, findings);
        }
    }

    /** A number token whose value cannot be represented. */
    private static final class NumberOutOfRange extends RuntimeException {
        final String text;
        final Position at;

        NumberOutOfRange(String text, Position at) {
            super(text, null, false, false);
            this.text = text;
            this.at = at == null ? Position.START : at;
        }
    }

    static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        return "an object";
    }

    /** Builds the Jackson tree from tokens, recording positions and duplicate keys on the way. */
    private static final class Builder {
        final SourceFile source;
        final List<Finding> findings;
        final Map<String, Position> values = new HashMap<>();
        final Map<String, Position> keys = new HashMap<>();
        final JsonNodeFactory nodes = JsonNodeFactory.instance;

        Builder(SourceFile source, List<Finding> findings) {
            this.source = source;
            this.findings = findings;
        }

        JsonNode value(JsonParser p, JsonToken token, String pointer) {
            TokenStreamLocation at = p.currentTokenLocation();
            values.put(pointer, new Position(at.getLineNr(), at.getColumnNr()));
            switch (token) {
                case START_OBJECT:
                    return object(p, pointer);
                case START_ARRAY: {
                    ArrayNode array = nodes.arrayNode();
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        array.add(value(p, t, JsonPointers.child(pointer, array.size())));
                    }
                    return array;
                }
                case VALUE_STRING:
                    return nodes.textNode(p.getString());
                case VALUE_NUMBER_INT:
                    switch (p.getNumberType()) {
                        case INT:
                            return nodes.numberNode(p.getIntValue());
                        case LONG:
                            return nodes.numberNode(p.getLongValue());
                        default:
                            return nodes.numberNode(p.getBigIntegerValue());
                    }
                case VALUE_NUMBER_FLOAT:
                    try {
                        return nodes.numberNode(p.getDecimalValue());
                    } catch (NumberFormatException e) {
                        // e.g. 5e5555: valid JSON, but beyond what a number can hold (found by fuzzing)
                        throw new NumberOutOfRange(p.getString(), values.get(pointer));
                    }
                case VALUE_TRUE:
                    return nodes.booleanNode(true);
                case VALUE_FALSE:
                    return nodes.booleanNode(false);
                case VALUE_NULL:
                    return nodes.nullNode();
                default:
                    throw new IllegalStateException("unexpected token " + token);
            }
        }

        private ObjectNode object(JsonParser p, String pointer) {
            ObjectNode object = nodes.objectNode();
            Map<String, String> seen = new HashMap<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                TokenStreamLocation keyAt = p.currentTokenLocation();
                Position keyPos = new Position(keyAt.getLineNr(), keyAt.getColumnNr());
                String child = JsonPointers.child(pointer, name);
                String folded = name.toLowerCase(Locale.ROOT);
                String earlier = seen.put(folded, name);
                if (earlier != null) {
                    Position earlierPos = keys.get(JsonPointers.child(pointer, earlier));
                    String how = earlier.equals(name) ? "appears again" : "repeats \"" + earlier + "\" (V2Ray ignores key case)";
                    findings.add(new Finding(DUPLICATE_KEY.id(), DUPLICATE_KEY.severity(),
                            new Location(source, keyPos),
                            "key \"" + name + "\" " + how + " in this object; V2Ray silently uses the last one",
                            "keep only one \"" + name + "\"",
                            earlierPos == null ? List.of() : List.of(new Location(source, earlierPos))));
                    if (!earlier.equals(name)) {
                        object.remove(earlier);
                    }
                }
                keys.put(child, keyPos);
                JsonNode v = value(p, p.nextToken(), child);
                object.set(name, v);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalStateException("unexpected token " + t);
            }
            return object;
        }
    }
}
