package dev.vtool.schema.merge;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.model.ConfigNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The merged {@code inbounds} or {@code outbounds}: the items in order, each from its own file, and the
 * array value that last set the list (it locates the list itself). A value that is not an array is
 * kept as it is (4.34 refuses it when decoding; the schema check reports it at its place).
 */
final class ProxyList {
    Part array;
    List<Part> items;

    boolean present() {
        return array != null;
    }

    boolean wellFormed() {
        return items != null;
    }

    static ProxyList of(ConfigDocument doc, String key) {
        ProxyList list = new ProxyList();
        ConfigNode n = ConfigNode.root(doc).get(key);
        if (n == null) {
            return list;
        }
        list.array = new Part(doc, n.pointer(), n.json());
        if (n.json().isArray()) {
            list.items = new ArrayList<>();
            for (int i = 0; i < n.json().size(); i++) {
                list.items.add(new Part(doc, JsonPointers.child(n.pointer(), i), n.json().get(i)));
            }
        }
        return list;
    }

    /** 4.34's tag of a proxy entry: its "tag" string, "" when absent. */
    static String tag(Part item) {
        if (!item.node().isObject()) {
            return "";
        }
        ConfigNode tag = new ConfigNode(item.doc(), item.pointer(), item.node()).get("tag");
        return tag != null && tag.json().isString() ? tag.json().asString() : "";
    }

    static int indexOfTag(List<Part> items, String tag) {
        for (int i = 0; i < items.size(); i++) {
            if (tag(items.get(i)).equals(tag)) {
                return i;
            }
        }
        return -1;
    }
}
