package dev.vtool.schema.json;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.source.Position;
import dev.vtool.schema.source.SourceFile;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A parsed config: the Jackson tree plus where every value and key stands in the source.
 * Positions are keyed by JSON Pointer, so a finding from any layer (schema, rule, pair) can point at
 * the exact token (the tree must not be changed: positions follow its shape). A document composed from several files (a merged config, or the 4.x layout
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
    private final PositionIndex positions;
    private final Origins origins;

    ConfigDocument(SourceFile source, JsonNode root, PositionIndex positions) {
        this.source = source;
        this.sources = List.of(source);
        this.root = root;
        this.positions = positions;
        this.origins = null;
    }

    private ConfigDocument(List<SourceFile> sources, JsonNode root, Origins origins) {
        this.source = sources.get(0);
        this.sources = List.copyOf(sources);
        this.root = root;
        this.positions = null;
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

    /**
     * The node at a pointer, or a MissingNode. Object members are looked up the way V2Ray reads keys
     * ({@link GoKeys}), so {@code /outbounds/0/protocol} finds a {@code "Protocol"} written in the file.
     */
    public JsonNode at(String pointer) {
        JsonNode n = walk(pointer, null);
        return n == null ? MissingNode.getInstance() : n;
    }

    public boolean has(String pointer) {
        return walk(pointer, null) != null;
    }

    /**
     * The pointer spelled with the keys as the file writes them ({@code /Outbounds/0/Protocol} for
     * {@code /outbounds/0/protocol}), or null when some member along the way is absent.
     */
    public String resolve(String pointer) {
        StringBuilder spelled = new StringBuilder(pointer.length());
        return walk(pointer, spelled) == null ? null : spelled.toString();
    }

    /** The longest prefix of the pointer that exists, spelled as in the file. */
    private String resolvePrefix(String pointer) {
        StringBuilder spelled = new StringBuilder(pointer.length());
        walk(pointer, spelled);
        return spelled.toString();
    }

    /**
     * Follows a pointer from the root; returns the node, or null when a segment is absent. When
     * {@code spelled} is given, it receives the part that exists, with the keys as the file spells them.
     */
    private JsonNode walk(String pointer, StringBuilder spelled) {
        JsonNode node = root;
        int start = 0;
        while (start < pointer.length()) {
            int end = pointer.indexOf('/', start + 1);
            if (end < 0) {
                end = pointer.length();
            }
            String seg = pointer.substring(start + 1, end);
            if (seg.indexOf('~') >= 0) {
                seg = seg.replace("~1", "/").replace("~0", "~");
            }
            JsonNode next;
            String name = seg;
            if (node.isObject()) {
                next = node.get(seg);
                if (next == null) {
                    name = GoKeys.member(node, seg);
                    next = name == null ? null : node.get(name);
                }
            } else if (node.isArray()) {
                int i = JsonPointers.index(seg);
                next = i >= 0 && i < node.size() ? node.get(i) : null;
            } else {
                next = null;
            }
            if (next == null) {
                return null;
            }
            if (spelled != null) {
                if (name == seg) {
                    spelled.append(pointer, start, end); // as given, escapes included
                } else {
                    spelled.append('/').append(escape(name));
                }
            }
            node = next;
            start = end;
        }
        return node;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Where the value at the pointer starts; for a missing value, its nearest present ancestor. */
    public Location locate(String pointer) {
        if (origins != null) {
            String actual = resolve(pointer);
            return origins.value(actual != null ? actual : pointer);
        }
        Position exact = positions.value(pointer);
        if (exact != null) {
            return new Location(source, exact);
        }
        String p = resolvePrefix(pointer);
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
        if (origins != null) {
            String actual = resolve(pointer);
            return origins.key(actual != null ? actual : pointer);
        }
        Position pos = positions.key(pointer);
        if (pos == null) {
            String actual = resolve(pointer);
            pos = actual == null ? null : positions.key(actual);
        }
        return pos != null ? new Location(source, pos) : locate(pointer);
    }
}
