package dev.vtool.schema.json;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.source.Position;
import dev.vtool.schema.source.SourceFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A parsed config: the Jackson tree plus where every value and key stands in the source.
 * Positions are found by JSON Pointer, so a finding from any layer (schema, rule, pair) can point at
 * the exact token. The tree must not be changed: positions follow its shape.
 */
public final class ConfigDocument {
    private final SourceFile source;
    private final JsonNode root;
    private final PositionIndex positions;

    ConfigDocument(SourceFile source, JsonNode root, PositionIndex positions) {
        this.source = source;
        this.root = root;
        this.positions = positions;
    }

    public SourceFile source() {
        return source;
    }

    public JsonNode root() {
        return root;
    }

    /** The node at a pointer, or a MissingNode. */
    public JsonNode at(String pointer) {
        return pointer.isEmpty() ? root : root.at(pointer);
    }

    public boolean has(String pointer) {
        return !(at(pointer) instanceof MissingNode);
    }

    /** Where the value at the pointer starts; for a missing value, its nearest present ancestor. */
    public Location locate(String pointer) {
        String p = pointer;
        while (true) {
            Position pos = positions.value(p);
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
        Position pos = positions.key(pointer);
        return pos != null ? new Location(source, pos) : locate(pointer);
    }
}
