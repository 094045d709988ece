package dev.vtool.schema.json;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.source.Position;
import dev.vtool.schema.source.SourceFile;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A parsed config: the Jackson tree plus where every value and key stands in the source.
 * Positions are keyed by JSON Pointer, so a finding from any layer (schema, rule, pair) can point at
 * the exact token.
 */
public final class ConfigDocument {
    private final SourceFile source;
    private final JsonNode root;
    private final Map<String, Position> valuePositions;
    private final Map<String, Position> keyPositions;

    ConfigDocument(SourceFile source, JsonNode root, Map<String, Position> valuePositions,
                   Map<String, Position> keyPositions) {
        this.source = source;
        this.root = root;
        this.valuePositions = valuePositions;
        this.keyPositions = keyPositions;
    }

    public SourceFile source() {
        return source;
    }

    public JsonNode root() {
        return root;
    }

    /**
     * The node at a pointer, or a MissingNode. Object members are looked up the way V2Ray reads keys
     * ({@link GoKeys}), so {@code /outbounds/0/protocol} finds a {@code "Protocol"} written in the file.
     */
    public JsonNode at(String pointer) {
        if (pointer.isEmpty()) {
            return root;
        }
        String actual = resolve(pointer);
        return actual == null ? MissingNode.getInstance() : root.at(actual);
    }

    public boolean has(String pointer) {
        return !(at(pointer) instanceof MissingNode);
    }

    /**
     * The pointer spelled with the keys as the file writes them ({@code /Outbounds/0/Protocol} for
     * {@code /outbounds/0/protocol}), or null when some member along the way is absent.
     */
    public String resolve(String pointer) {
        String found = resolvePrefix(pointer);
        // a resolved pointer differs from the input only in key spelling, never in segment count
        return JsonPointers.depth(found) == JsonPointers.depth(pointer) ? found : null;
    }

    /** The longest prefix of the pointer that exists, spelled as in the file. */
    private String resolvePrefix(String pointer) {
        if (valuePositions.containsKey(pointer)) {
            return pointer; // spelled exactly as in the file (the common case)
        }
        JsonNode node = root;
        StringBuilder out = new StringBuilder();
        for (String seg : JsonPointers.segments(pointer)) {
            String next;
            if (node.isObject()) {
                String name = GoKeys.member(node, seg);
                if (name == null) {
                    break;
                }
                node = node.get(name);
                next = JsonPointers.child("", name);
            } else if (node.isArray() && seg.matches("0|[1-9][0-9]{0,8}") && Integer.parseInt(seg) < node.size()) {
                node = node.get(Integer.parseInt(seg));
                next = "/" + seg;
            } else {
                break;
            }
            out.append(next);
        }
        return out.toString();
    }

    /** Where the value at the pointer starts; for a missing value, its nearest present ancestor. */
    public Location locate(String pointer) {
        String p = valuePositions.containsKey(pointer) ? pointer : resolvePrefix(pointer);
        while (true) {
            Position pos = valuePositions.get(p);
            if (pos != null) {
                return new Location(source, pos);
            }
            if (p.isEmpty()) {
                return new Location(source, Position.START);
            }
            p = JsonPointers.parent(p);
        }
    }

    /** Where the key of the member at the pointer stands (falls back to the value's position). */
    public Location locateKey(String pointer) {
        Position pos = keyPositions.get(pointer);
        if (pos == null) {
            String actual = resolve(pointer);
            pos = actual == null ? null : keyPositions.get(actual);
        }
        return pos != null ? new Location(source, pos) : locate(pointer);
    }
}
