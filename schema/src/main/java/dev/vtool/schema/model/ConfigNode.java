package dev.vtool.schema.model;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.GoKeys;
import dev.vtool.schema.json.JsonPointers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A value in a config document with its pointer, read the way V2Ray's Go decoder reads structs:
 * keys match exactly first, then case-insensitively; {@code null} counts as absent; wrong types are
 * errors that name the key and its place. Every command reads configs through this one accessor
 * (lint rules, pair, diagnose, link and the run model), so they agree on what a key means.
 */
public final class ConfigNode {
    private final ConfigDocument doc;
    private final String pointer;
    private final JsonNode node;

    public ConfigNode(ConfigDocument doc, String pointer, JsonNode node) {
        this.doc = doc;
        this.pointer = pointer;
        this.node = node;
    }

    public static ConfigNode root(ConfigDocument doc) {
        return new ConfigNode(doc, "", doc.root());
    }

    public String pointer() {
        return pointer;
    }

    public JsonNode json() {
        return node;
    }

    public String path() {
        return JsonPointers.toDisplayPath(pointer);
    }

    public ConfigModelException error(String message) {
        return new ConfigModelException(doc.locate(pointer), message);
    }

    /** The member {@code key} as V2Ray's decoder finds it ({@link GoKeys}: exact, else Go's case folding), or null. */
    public ConfigNode get(String key) {
        String found = GoKeys.member(node, key);
        if (found == null || node.get(found).isNull()) {
            return null;
        }
        return new ConfigNode(doc, JsonPointers.child(pointer, found), node.get(found));
    }

    /** The node at a pointer relative to this one, each member looked up like {@link #get}; null when absent. */
    public ConfigNode at(String relativePointer) {
        ConfigNode n = this;
        for (String seg : JsonPointers.segments(relativePointer)) {
            int i = JsonPointers.index(seg);
            if (n.node.isArray()) {
                n = i < 0 || i >= n.node.size() || n.node.get(i).isNull() ? null
                        : new ConfigNode(doc, JsonPointers.child(n.pointer, i), n.node.get(i));
            } else {
                n = n.get(seg);
            }
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /**
     * The elements of the array member {@code key}; empty when it is absent or not an array (for lenient
     * readers such as pair and diagnose, which leave wrong types to lint).
     */
    public List<ConfigNode> elements(String key) {
        ConfigNode n = get(key);
        List<ConfigNode> out = new ArrayList<>();
        if (n != null && n.node.isArray()) {
            for (int i = 0; i < n.node.size(); i++) {
                out.add(new ConfigNode(doc, JsonPointers.child(n.pointer, i), n.node.get(i)));
            }
        }
        return out;
    }

    /** The member names in file order (map-like objects such as headers, whose keys are data). */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.propertyNames().forEach(out::add);
        }
        return out;
    }

    /** The string value of this node, or null when it is not a string. */
    public String text() {
        return node.isString() ? node.asString() : null;
    }

    /** An empty object standing for an absent member, so defaults are read the same way as values. */
    public ConfigNode emptyObject(String key) {
        return new ConfigNode(doc, JsonPointers.child(pointer, key),
                tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    public ConfigNode object(String key) throws ConfigModelException {
        ConfigNode n = get(key);
        if (n != null && !n.node.isObject()) {
            throw n.error(n.path() + ": expected an object");
        }
        return n;
    }

    public List<ConfigNode> array(String key) throws ConfigModelException {
        ConfigNode n = get(key);
        if (n == null) {
            return List.of();
        }
        if (!n.node.isArray()) {
            throw n.error(n.path() + ": expected an array");
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < n.node.size(); i++) {
            out.add(new ConfigNode(doc, JsonPointers.child(n.pointer, i), n.node.get(i)));
        }
        return out;
    }

    public String string(String key, String fallback) throws ConfigModelException {
        ConfigNode n = get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.node.isString()) {
            throw n.error(n.path() + ": expected a string");
        }
        return n.node.asString();
    }

    public boolean bool(String key) throws ConfigModelException {
        ConfigNode n = get(key);
        if (n == null) {
            return false;
        }
        if (!n.node.isBoolean()) {
            throw n.error(n.path() + ": expected true or false");
        }
        return n.node.asBoolean();
    }

    public long number(String key, long fallback, long min, long max) throws ConfigModelException {
        ConfigNode n = get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.node.isIntegralNumber() || !n.node.canConvertToLong()) {
            throw n.error(n.path() + ": expected a whole number");
        }
        long v = n.node.asLong();
        if (v < min || v > max) {
            throw n.error(n.path() + ": " + v + " is out of range " + min + ".." + max);
        }
        return v;
    }

    public int port(String key) throws ConfigModelException {
        return (int) number(key, 0, 0, 65535);
    }

    /** V2Ray's StringList: an array of strings or one comma-separated string. */
    public List<String> stringList(String key) throws ConfigModelException {
        ConfigNode n = get(key);
        if (n == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (n.node.isString()) {
            for (String part : n.node.asString().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        if (!n.node.isArray()) {
            throw n.error("unknown format of a string list: " + n.node);
        }
        for (JsonNode item : n.node) {
            if (!item.isString()) {
                throw n.error("unknown format of a string list: " + n.node);
            }
            out.add(item.asString());
        }
        return out;
    }

    public String lowerString(String key, String fallback) throws ConfigModelException {
        String s = string(key, fallback);
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
