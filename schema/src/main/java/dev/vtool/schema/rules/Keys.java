package dev.vtool.schema.rules;

import dev.vtool.schema.json.GoKeys;
import dev.vtool.schema.json.JsonPointers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads config members the way V2Ray's Go decoder does ({@link GoKeys}: an exact key match first, then
 * Go's case folding; {@code "Port"} is {@code "port"} to V2Ray). JSON {@code null} counts as absent.
 * Rules read members only through here, never with Jackson's exact {@code get("key")}.
 */
final class Keys {
    private Keys() {
    }

    /** The spelling of {@code key} used in {@code obj}, or null when the object has no such member. */
    static String name(JsonNode obj, String key) {
        return GoKeys.member(obj, key);
    }

    /** The member's value, or a MissingNode when absent or null. */
    static JsonNode get(JsonNode obj, String key) {
        String k = name(obj, key);
        JsonNode v = k == null ? null : obj.get(k);
        return v == null || v.isNull() ? MissingNode.getInstance() : v;
    }

    /** Pointer to the member, using the spelling found in the file (the canonical one when absent). */
    static String ptr(String parent, JsonNode obj, String key) {
        String k = name(obj, key);
        return JsonPointers.child(parent, k == null ? key : k);
    }

    static boolean present(JsonNode v) {
        return v != null && !v.isMissingNode() && !v.isNull();
    }

    /** The string value of a member, or null when absent or not a string. */
    static String text(JsonNode obj, String key) {
        JsonNode v = get(obj, key);
        return v.isString() ? v.stringValue() : null;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * V2Ray's StringList: an array of strings or one comma-separated string. Returns the items with
     * the pointer of each (for a comma string every item points at the string).
     */
    static List<Item> stringList(JsonNode value, String pointer) {
        List<Item> out = new ArrayList<>();
        if (value.isString()) {
            for (String part : value.stringValue().split(",", -1)) {
                out.add(new Item(part, pointer, -1)); // V2Ray does not trim the items
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i).isString()) {
                    out.add(new Item(value.get(i).stringValue(), pointer, i));
                }
            }
        }
        return out;
    }

    /**
     * One string of a list and where it stands: the list's pointer and the index in it (-1 for a piece of a
     * comma-separated string). The item's own pointer is built only when asked for: a routing rule with a
     * million domains must not cost a million pointer strings.
     */
    record Item(String value, String listPointer, int index) {
        String pointer() {
            return index < 0 ? listPointer : JsonPointers.child(listPointer, index);
        }
    }
}
