package dev.vtool.schema.json;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.source.Position;
import dev.vtool.schema.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
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
    public static final RuleInfo IGNORED_REST = RuleInfo.of("ignored-rest", Severity.WARNING,
            "Content after the config object: V2Ray 4.34 reads the first JSON value and ignores the rest.");
    public static final List<RuleInfo> RULES = List.of(SYNTAX, BOM, DUPLICATE_KEY, NOT_AN_OBJECT, IGNORED_REST);

    /**
     * Go's decoder has no limit on the length of names or number literals; Jackson's defaults (50,000 and
     * 1,000 characters) would call valid configs broken. Numbers stay bounded, as a million-digit literal
     * costs quadratic time to convert. Comments are removed beforehand exactly as 4.34 removes them
     * ({@link CommentStripper}): Jackson's own comment support ends a line comment at \r as well.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNameLength(StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
                    .maxNumberLength(100_000)
                    .build())
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
        CommentStripper.Stripped stripped = CommentStripper.strip(text);
        Builder builder = new Builder(source, findings, stripped);
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), stripped.text())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                findings.add(new Finding(SYNTAX.id(), Severity.ERROR, new Location(source, Position.START),
                        "the file is empty (or only comments); V2Ray fails with \"failed to read config file > EOF\"",
                        "write a config object: { \"inbounds\": [...], \"outbounds\": [...] }"));
                return new ReadResult(null, findings);
            }
            int rootOffset = builder.offset(parser);
            JsonNode root = builder.value(parser, first, null, null, 0);
            if (!root.isObject()) {
                findings.add(new Finding(NOT_AN_OBJECT.id(), Severity.ERROR,
                        new Location(source, source.positionAt(rootOffset)),
                        "the top level is " + kind(root) + ", but a V2Ray config must be an object { ... }",
                        "wrap the content in { } with keys such as \"inbounds\" and \"outbounds\""));
                return new ReadResult(null, findings);
            }
            int rest = IgnoredRest.start(text, stripped.originalOffset(parser.currentLocation().getCharOffset()));
            if (rest >= 0) {
                findings.add(IgnoredRest.finding(source, text, rest, source.positionAt(rootOffset)));
            }
            PositionIndex positions = new PositionIndex(source, root, rootOffset, builder.members);
            return new ReadResult(new ConfigDocument(source, root, positions), findings);
        } catch (JacksonException e) {
            findings.add(new SyntaxErrorExplainer(source, text).explain(e, stripped));
            return new ReadResult(null, findings);
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

    /** The same test while reading, from the object's own name, its parent's name and its depth (root 0). */
    static boolean isGoMap(String name, String parentName, int depth) {
        if (name == null) {
            return false;
        }
        return GoKeys.equalFold(name, "headers")
                || depth == 2 && GoKeys.equalFold(name, "hosts") && GoKeys.equalFold(parentName, "dns");
    }

    /** Builds the Jackson tree from tokens, recording positions and duplicate keys on the way. */
    private static final class Builder {
        final SourceFile source;
        final List<Finding> findings;
        final IdentityHashMap<JsonNode, PositionIndex.Members> members = new IdentityHashMap<>();
        final JsonNodeFactory nodes = JsonNodeFactory.instance;
        final CommentStripper.Stripped stripped;

        Builder(SourceFile source, List<Finding> findings, CommentStripper.Stripped stripped) {
            this.source = source;
            this.findings = findings;
            this.stripped = stripped;
        }

        /** Where the current token stands in the file (the parser reads the comment-free text). */
        int offset(JsonParser p) {
            return stripped.originalOffset(p.currentTokenLocation().getCharOffset());
        }

        /**
         * @param name       the member name this value stands under (null for array elements and the root)
         * @param parentName the name the containing object stands under
         * @param depth      nesting depth of this value (root 0)
         */
        JsonNode value(JsonParser p, JsonToken token, String name, String parentName, int depth) {
            switch (token) {
                case START_OBJECT:
                    return object(p, isGoMap(name, parentName, depth), name, depth);
                case START_ARRAY: {
                    ArrayNode array = nodes.arrayNode();
                    PositionIndex.Ints offsets = new PositionIndex.Ints();
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        offsets.add(offset(p));
                        array.add(value(p, t, null, name, depth + 1));
                    }
                    members.put(array, new PositionIndex.Members(offsets.toArray(), null));
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
                    // kept exact: Go decodes each field with its own range (and 4.34 has no float fields),
                    // so no literal is ever forced through double here
                    try {
                        return nodes.numberNode(p.getDecimalValue());
                    } catch (NumberFormatException e) {
                        return nodes.numberNode(beyondDecimal(p.getString()));
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

        /**
         * A literal whose exponent does not fit a BigDecimal (5e5555555555) is still valid JSON, and 4.34
         * skips it under a key it ignores. It stands in the tree as a value of the same kind: beyond any
         * range and integral for a huge exponent (every integer field refuses it), tiny and fractional for a
         * negative one.
         */
        private static java.math.BigDecimal beyondDecimal(String literal) {
            String lower = literal.toLowerCase(Locale.ROOT);
            boolean negativeExponent = lower.contains("e-");
            java.math.BigDecimal v = java.math.BigDecimal.ONE.scaleByPowerOfTen(negativeExponent ? -999_999_999 : 999_999_999);
            return literal.startsWith("-") ? v.negate() : v;
        }

        /** @param goMap V2Ray reads this object as a Go map: keys are distinct however they are cased */
        private ObjectNode object(JsonParser p, boolean goMap, String ownName, int depth) {
            ObjectNode object = nodes.objectNode();
            // members in the order they were read; the folded name maps to the index of its last spelling
            List<String> names = new ArrayList<>();
            PositionIndex.Ints keyOffsets = new PositionIndex.Ints();
            PositionIndex.Ints valueOffsets = new PositionIndex.Ints();
            Map<String, Integer> seen = new HashMap<>();
            boolean duplicates = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                int keyOffset = offset(p);
                String folded = goMap ? name : GoKeys.fold(name);
                Integer earlierIndex = seen.put(folded, names.size());
                if (earlierIndex != null) {
                    duplicates = true;
                    String earlier = names.get(earlierIndex);
                    Position earlierPos = source.positionAt(keyOffsets.get(earlierIndex));
                    String how = earlier.equals(name) ? "appears again" : "repeats \"" + earlier + "\" (V2Ray ignores key case)";
                    findings.add(new Finding(DUPLICATE_KEY.id(), DUPLICATE_KEY.severity(),
                            new Location(source, source.positionAt(keyOffset)),
                            "key \"" + name + "\" " + how + " in this object; V2Ray silently uses the last one",
                            "keep only one \"" + name + "\"",
                            List.of(new Location(source, earlierPos))));
                    if (!earlier.equals(name)) {
                        object.remove(earlier);
                    }
                }
                JsonToken valueToken = p.nextToken();
                int valueOffset = offset(p);
                JsonNode v = value(p, valueToken, name, ownName, depth + 1);
                names.add(name);
                keyOffsets.add(keyOffset);
                valueOffsets.add(valueOffset);
                object.set(name, v);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalStateException("unexpected token " + t);
            }
            if (!duplicates) {
                members.put(object, new PositionIndex.Members(valueOffsets.toArray(), keyOffsets.toArray()));
            } else {
                // the tree kept one member per name (in place, or moved to the end for a new spelling)
                int[] values = new int[object.size()];
                int[] keys = new int[object.size()];
                int k = 0;
                for (String name : object.propertyNames()) {
                    int i = seen.get(goMap ? name : GoKeys.fold(name));
                    values[k] = valueOffsets.get(i);
                    keys[k++] = keyOffsets.get(i);
                }
                members.put(object, new PositionIndex.Members(values, keys));
            }
            return object;
        }
    }
}
