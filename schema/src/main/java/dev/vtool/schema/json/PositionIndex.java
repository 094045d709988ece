package dev.vtool.schema.json;

import dev.vtool.schema.source.Position;
import dev.vtool.schema.source.SourceFile;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where each key and value of a parsed config stands, kept compactly: per object or array, the source
 * offsets of its members in iteration order (8 bytes a member). A JSON Pointer is resolved by walking the
 * tree. A map from pointer strings to positions cost about 200 bytes a value, which a config with a
 * million keys turned into hundreds of MB.
 */
final class PositionIndex {
    /** Offsets of a container's members, in the order the tree iterates them; keys only for objects. */
    record Members(int[] values, int[] keys) {
    }

    private final SourceFile source;
    private final JsonNode root;
    private final int rootOffset;
    private final Map<JsonNode, Members> members;

    PositionIndex(SourceFile source, JsonNode root, int rootOffset, IdentityHashMap<JsonNode, Members> members) {
        this.source = source;
        this.root = root;
        this.rootOffset = rootOffset;
        this.members = members;
    }

    /** Where the value at the pointer starts, or null when the pointer names nothing in the source. */
    Position value(String pointer) {
        int offset = find(pointer, false);
        return offset < 0 ? null : source.positionAt(offset);
    }

    /** Where the key of the member at the pointer stands, or null (array elements and the root have none). */
    Position key(String pointer) {
        int offset = find(pointer, true);
        return offset < 0 ? null : source.positionAt(offset);
    }

    private int find(String pointer, boolean wantKey) {
        if (pointer.isEmpty()) {
            return wantKey ? -1 : rootOffset;
        }
        if (pointer.charAt(0) != '/') {
            return -1;
        }
        JsonNode node = root;
        int valueOffset = rootOffset;
        int keyOffset = -1;
        int from = 1;
        while (true) {
            int slash = pointer.indexOf('/', from);
            String segment = pointer.substring(from, slash < 0 ? pointer.length() : slash)
                    .replace("~1", "/").replace("~0", "~");
            Members m = members.get(node);
            int k = m == null ? -1 : ordinal(node, segment);
            if (k < 0 || k >= m.values.length) {
                return -1;
            }
            valueOffset = m.values[k];
            keyOffset = m.keys == null ? -1 : m.keys[k];
            node = node instanceof ObjectNode ? node.get(segment) : node.get(k);
            if (slash < 0) {
                return wantKey ? keyOffset : valueOffset;
            }
            from = slash + 1;
        }
    }

    private static int ordinal(JsonNode container, String segment) {
        if (container instanceof ObjectNode object) {
            int k = 0;
            for (String name : object.propertyNames()) {
                if (name.equals(segment)) {
                    return k;
                }
                k++;
            }
            return -1;
        }
        if (container instanceof ArrayNode array && !segment.isEmpty() && segment.length() <= 9
                && segment.chars().allMatch(c -> c >= '0' && c <= '9')
                && (segment.length() == 1 || segment.charAt(0) != '0')) {
            int k = Integer.parseInt(segment);
            return k < array.size() ? k : -1;
        }
        return -1;
    }

    /** A growable int array, for offsets collected while parsing. */
    static final class Ints {
        private int[] items = new int[8];
        private int size;

        void add(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        int get(int i) {
            return items[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
