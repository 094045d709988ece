package dev.vtool.schema.merge;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.GoKeys;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.model.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deprecated 4.x layout, which 4.34 still runs, remapped to the modern one so every consumer sees
 * only {@code inbounds}/{@code outbounds}. 4.34 ({@code Config.Build}) lists the inbounds as
 * {@code inbound}, then {@code inboundDetour}, then {@code inbounds} (outbounds likewise, so a 4.x
 * {@code outbound} is the default one), and gives the top-level {@code port} (1-65535; 0 is ignored) to
 * the first of those inbounds when it has no {@code port} of its own.
 */
final class LegacyLayout {
    static final RuleInfo DEPRECATED_LAYOUT = RuleInfo.of("deprecated-layout", Severity.WARNING,
            "The 4.x layout (inbound, outbound, inboundDetour, outboundDetour, top-level port): V2Ray 4.34 "
                    + "still reads it, later versions do not; use inbounds/outbounds.");
    private static final int SNIPPET_ITEMS = 3;

    private LegacyLayout() {
    }

    static boolean uses(ConfigDocument doc) {
        ConfigNode root = ConfigNode.root(doc);
        for (String key : List.of("inbound", "outbound", "inboundDetour", "outboundDetour", "port")) {
            if (root.get(key) != null) {
                return true;
            }
        }
        return false;
    }

    static void normalise(ConfigMerger.State state, List<Finding> findings) {
        side(state, state.inbounds, "inbound", "inboundDetour", "inbounds", findings);
        side(state, state.outbounds, "outbound", "outboundDetour", "outbounds", findings);
        port(state, findings);
    }

    private static void side(ConfigMerger.State state, ProxyList list, String single, String detour, String modern,
                             List<Finding> findings) {
        Part one = state.sections.get(single);
        Part many = state.sections.get(detour);
        if (one == null && many == null) {
            return;
        }
        if (one != null && !one.node().isObject() || many != null && !many.node().isArray()
                || list.present() && !list.wellFormed()) {
            return; // 4.34 refuses these types when decoding; the schema check says where
        }
        List<Part> items = new ArrayList<>();
        if (one != null) {
            items.add(one);
        }
        if (many != null) {
            for (int i = 0; i < many.node().size(); i++) {
                items.add(new Part(many.doc(), JsonPointers.child(many.pointer(), i), many.node().get(i)));
            }
        }
        if (list.present()) {
            items.addAll(list.items);
        } else {
            list.array = one != null ? one : many;
        }
        list.items = items;
        state.sections.remove(single);
        state.sections.remove(detour);
        String snippet = snippet(modern, items);
        String order = "\"" + single + "\", then \"" + detour + "\", then \"" + modern + "\"";
        if (one != null) {
            findings.add(finding(one, "\"" + single + "\" is the deprecated 4.x layout; V2Ray 4.34 still reads it as "
                    + "the first of \"" + modern + "\" (order: " + order + ")", snippet));
        }
        if (many != null) {
            findings.add(finding(many, "\"" + detour + "\" is the deprecated 4.x layout; V2Ray 4.34 still reads it, "
                    + "in the order " + order, snippet));
        }
    }

    private static void port(ConfigMerger.State state, List<Finding> findings) {
        Part port = state.port;
        if (port == null) {
            return;
        }
        JsonNode value = port.node();
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0 || value.asLong() > 65535) {
            return; // not a uint16: 4.34 refuses to decode it; the schema check says where
        }
        state.port = null;
        List<Part> items = state.inbounds.items;
        boolean applies = value.asLong() > 0 && items != null && !items.isEmpty() && items.get(0).node().isObject()
                && new ConfigNode(items.get(0).doc(), items.get(0).pointer(), items.get(0).node()).get("port") == null;
        if (!applies) {
            findings.add(finding(port, "top-level \"port\" is the deprecated 4.x layout; V2Ray 4.34 ignores it here "
                    + (value.asLong() == 0 ? "(0)" : "(the first inbound has its own port, or there is none)"),
                    "remove it"));
            return;
        }
        Part first = items.get(0);
        ObjectNode withPort = ((ObjectNode) first.node()).deepCopy();
        List<String> portKeys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : withPort.properties()) {
            if (GoKeys.equalFold(e.getKey(), "port")) {
                portKeys.add(e.getKey());
            }
        }
        portKeys.forEach(withPort::remove);
        withPort.set("port", value);
        items.set(0, new Part(first.doc(), first.pointer(), withPort));
        state.firstInboundPort = port;
        findings.add(finding(port, "top-level \"port\" is the deprecated 4.x layout; V2Ray 4.34 uses it as the port "
                + "of the first inbound, which has none", "move it into that inbound: \"port\": " + value));
    }

    private static Finding finding(Part where, String message, String modern) {
        Location at = where.doc().locateKey(where.pointer());
        return new Finding(DEPRECATED_LAYOUT.id(), DEPRECATED_LAYOUT.severity(), at, message,
                modern.startsWith("\"") ? "write the modern equivalent: " + modern : modern);
    }

    /** {@code "inbounds": [{"tag": ..., "protocol": ..., "port": ..., ...}, ...]}, short enough for one line. */
    static String snippet(String modern, List<Part> items) {
        StringBuilder b = new StringBuilder("\"").append(modern).append("\": [");
        for (int i = 0; i < items.size() && i < SNIPPET_ITEMS; i++) {
            b.append(i == 0 ? "" : ", ").append(summary(items.get(i).node()));
        }
        if (items.size() > SNIPPET_ITEMS) {
            b.append(", ...");
        }
        return b.append(']').toString();
    }

    private static String summary(JsonNode entry) {
        if (!entry.isObject()) {
            return entry.toString();
        }
        StringBuilder b = new StringBuilder("{");
        int shown = 0;
        for (String key : List.of("tag", "protocol", "listen", "port")) {
            JsonNode v = entry.get(key);
            if (v != null && (v.isValueNode())) {
                String text = v.toString();
                b.append(shown++ == 0 ? "" : ", ").append('"').append(key).append("\": ")
                        .append(text.length() > 40 ? text.substring(0, 40) + "...\"" : text);
            }
        }
        if (entry.size() > shown) {
            b.append(shown == 0 ? "..." : ", ...");
        }
        return b.append('}').toString();
    }
}
