package dev.vtool.schema.json;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.source.Position;
import dev.vtool.schema.source.SourceFile;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A parsed config: the Jackson tree plus where every value and key stands in the source.
 * Positions are keyed by JSON Pointer, so a finding from any layer (schema, rule, pair) can point at
 * the exact token. A document composed from several files (a merged config, or the 4.x layout
 * remapped to the modern one) answers each pointer with the file and place its value came from.
 */
public final class ConfigDocument {
    /** Where the values and keys of a composed document come from. */
    public interface Origins {
        /** Where the value at a pointer of the composed tree starts (nearest present ancestor if missing). */
        Location value(String pointer);

        /** Where the key of the member at a pointer stands. */
        Location key(String pointer);
    }

    private final SourceFile source;
    private final List<SourceFile> sources;
    private final JsonNode root;
    private final Map<String, Position> valuePositions;
    private final Map<String, Position> keyPositions;
    private final Origins origins;

    ConfigDocument(SourceFile source, JsonNode root, Map<String, Position> valuePositions,
                   Map<String, Position> keyPositions) {
        this.source = source;
        this.sources = List.of(source);
        this.root = root;
        this.valuePositions = valuePositions;
        this.keyPositions = keyPositions;
        this.origins = null;
    }

    private ConfigDocument(List<SourceFile> sources, JsonNode root, Origins origins) {
        this.source = sources.get(0);
        this.sources = List.copyOf(sources);
        this.root = root;
        this.valuePositions = Map.of();
        this.keyPositions = Map.of();
        this.origins = origins;
    }

    /** A tree built from parts of other documents; {@code sources} lists its files, the base first. */
    public static ConfigDocument composed(List<SourceFile> sources, JsonNode root, Origins origins) {
        return new ConfigDocument(sources, root, origins);
    }

    /** The (first, base) file of this document. */
    public SourceFile source() {
        return source;
    }

    /** Every file this document was read from, in merge order. */
    public List<SourceFile> sources() {
        return sources;
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
        if (origins != null) {
            return origins.value(pointer);
        }
        String p = pointer;
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
        if (origins != null) {
            return origins.key(pointer);
        }
        Position pos = keyPositions.get(pointer);
        return pos != null ? new Location(source, pos) : locate(pointer);
    }
}
