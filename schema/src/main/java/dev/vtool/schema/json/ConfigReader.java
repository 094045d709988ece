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
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
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

    // Comments are removed beforehand exactly as 4.34 removes them (CommentStripper): Jackson's own
    // comment support ends a line comment at \r as well, which 4.34 does not.
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

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
        CommentStripper.Stripped stripped = CommentStripper.strip(text);
        if (stripped.text().isBlank()) {
            findings.add(new Finding(SYNTAX.id(), Severity.ERROR, new Location(source, Position.START),
                    "the file is empty (or only comments); V2Ray fails with \"failed to read config file > EOF\"",
                    "write a config object: { \"inbounds\": [...], \"outbounds\": [...] }"));
            return new ReadResult(null, findings);
        }
        Builder builder = new Builder(source, findings, stripped, new LineIndex(text));
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), stripped.text())) {
            JsonToken first = parser.nextToken();
            JsonNode root = builder.value(parser, first, "");
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                findings.add(new Finding(SYNTAX.id(), Severity.ERROR,
                        new Location(source, builder.position(parser.currentTokenLocation())),
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
            findings.add(new SyntaxErrorExplainer(source, text).explain(e, stripped));
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

    /**
     * True for the objects 4.34 decodes into a Go map rather than a struct (HTTP {@code headers} and
     * {@code dns.hosts}): their keys are data, so {@code "Host"} and {@code "host"} are two entries there.
     */
    static boolean isGoMap(String pointer) {
        String last = JsonPointers.lastSegment(pointer);
        if (GoKeys.equalFold(last, "headers")) {
            return true;
        }
        String parent = JsonPointers.parent(pointer);
        return GoKeys.equalFold(last, "hosts") && JsonPointers.parent(parent).isEmpty() && !parent.isEmpty()
                && GoKeys.equalFold(JsonPointers.lastSegment(parent), "dns");
    }

    /** Builds the Jackson tree from tokens, recording positions and duplicate keys on the way. */
    private static final class Builder {
        final SourceFile source;
        final List<Finding> findings;
        final Map<String, Position> values = new HashMap<>();
        final Map<String, Position> keys = new HashMap<>();
        final JsonNodeFactory nodes = JsonNodeFactory.instance;
        final CommentStripper.Stripped stripped;
        final LineIndex lines;

        Builder(SourceFile source, List<Finding> findings, CommentStripper.Stripped stripped, LineIndex lines) {
            this.source = source;
            this.findings = findings;
            this.stripped = stripped;
            this.lines = lines;
        }

        /** Where a token of the stripped text stands in the file. */
        Position position(TokenStreamLocation at) {
            return lines.position(stripped.originalOffset(at.getCharOffset()));
        }

        JsonNode value(JsonParser p, JsonToken token, String pointer) {
            values.put(pointer, position(p.currentTokenLocation()));
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
            boolean map = isGoMap(pointer);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                Position keyPos = position(p.currentTokenLocation());
                String child = JsonPointers.child(pointer, name);
                String folded = map ? name : GoKeys.fold(name);
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
