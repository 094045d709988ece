package dev.vtool.schema.merge;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.GoKeys;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Several config files as one config, with V2Ray 4.34's rules ({@code Config.Override} in its
 * {@code infra/conf/v2ray.go}, applied file by file in command-line order), then the deprecated 4.x layout
 * turned into the modern one ({@link LegacyLayout}). The result is one {@link ConfigDocument} whose every
 * pointer still locates the file and line its value came from, so lint, pair and run see one config.
 *
 * <p>4.34's rules, for each later file:
 * <ul>
 * <li>{@code log}, {@code routing}, {@code dns}, {@code transport}, {@code policy}, {@code api},
 *     {@code stats}, {@code reverse} and the deprecated {@code inbound}, {@code outbound},
 *     {@code inboundDetour}, {@code outboundDetour}: present and not {@code null} → replace the whole
 *     section (an empty {@code inboundDetour: []} replaces too; {@code null} does not).</li>
 * <li>{@code inbounds}: absent, {@code null} or {@code []} → unchanged; exactly one entry while the merged
 *     list is not empty → it replaces the first entry with the same tag (a missing tag is the tag "",
 *     which matches the first untagged entry), else it is appended; otherwise the list is replaced.</li>
 * <li>{@code outbounds}: the same, except that a single new entry is prepended (becoming the default
 *     outbound) unless the file's name as given, lower-cased, contains "tail", then it is appended.</li>
 * <li>the deprecated top-level {@code port} is read from the first file only.</li>
 * <li>keys 4.34 does not know are ignored by it; they are kept (the last file's wins) so lint names them.</li>
 * </ul>
 */
public final class ConfigMerger {
    public static final RuleInfo DEPRECATED_LAYOUT = LegacyLayout.DEPRECATED_LAYOUT;
    public static final List<RuleInfo> RULES = List.of(DEPRECATED_LAYOUT);

    /** Sections a later file replaces as a whole, in the order of 4.34's Config struct. */
    static final List<String> SECTIONS = List.of("inbound", "outbound", "inboundDetour", "outboundDetour",
            "log", "routing", "dns", "transport", "policy", "api", "stats", "reverse");
    static final List<String> KNOWN = List.of("port", "inbound", "outbound", "inboundDetour", "outboundDetour",
            "log", "routing", "dns", "inbounds", "outbounds", "transport", "policy", "api", "stats", "reverse");

    /** The merged state of 4.34's Config before it is built. */
    static final class State {
        final List<SourceFile> sources = new ArrayList<>();
        ConfigDocument base;
        Part port;
        /** The top-level port given to the first inbound, which then locates there. */
        Part firstInboundPort;
        final Map<String, Part> sections = new LinkedHashMap<>();
        ProxyList inbounds = new ProxyList();
        ProxyList outbounds = new ProxyList();
        final Map<String, Part> unknown = new LinkedHashMap<>();
    }

    /**
     * Merges files in order (the first is the base). Each document's source name is the name 4.34 would
     * test for "tail": the path as given on the command line.
     */
    public MergeResult merge(List<ConfigDocument> docs) {
        if (docs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        if (docs.size() == 1 && !LegacyLayout.uses(docs.get(0))) {
            return new MergeResult(docs.get(0), List.of());
        }
        State state = new State();
        for (ConfigDocument doc : docs) {
            override(state, doc);
        }
        List<Finding> findings = new ArrayList<>();
        LegacyLayout.normalise(state, findings);
        return new MergeResult(compose(state), findings);
    }

    private static void override(State state, ConfigDocument doc) {
        ConfigNode root = ConfigNode.root(doc);
        state.sources.add(doc.source());
        if (state.base == null) {
            state.base = doc;
            ConfigNode port = root.get("port");
            state.port = port == null ? null : new Part(doc, port.pointer(), port.json());
        }
        for (String key : SECTIONS) {
            ConfigNode n = root.get(key);
            if (n != null) {
                state.sections.put(key, new Part(doc, n.pointer(), n.json()));
            }
        }
        overrideList(state.inbounds, ProxyList.of(doc, "inbounds"), Placement.APPEND);
        boolean tail = doc.source().name().toLowerCase(Locale.ROOT).contains("tail");
        overrideList(state.outbounds, ProxyList.of(doc, "outbounds"), tail ? Placement.APPEND : Placement.PREPEND);
        doc.root().properties().forEach(e -> {
            if (KNOWN.stream().noneMatch(k -> GoKeys.equalFold(e.getKey(), k))) {
                String pointer = JsonPointers.child("", e.getKey());
                state.unknown.put(e.getKey(), new Part(doc, pointer, e.getValue()));
            }
        });
    }

    private enum Placement { APPEND, PREPEND }

    private static void overrideList(ProxyList merged, ProxyList more, Placement placement) {
        if (!more.present() || more.wellFormed() && more.items.isEmpty()) {
            return;
        }
        if (merged.wellFormed() && !merged.items.isEmpty() && more.wellFormed() && more.items.size() == 1) {
            Part entry = more.items.get(0);
            int same = ProxyList.indexOfTag(merged.items, ProxyList.tag(entry));
            if (same >= 0) {
                merged.items.set(same, entry);
            } else if (placement == Placement.APPEND) {
                merged.items.add(entry);
            } else {
                merged.items.add(0, entry);
            }
            merged.array = more.array;
            return;
        }
        merged.array = more.array;
        merged.items = more.items == null ? null : new ArrayList<>(more.items);
    }

    private static ConfigDocument compose(State state) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        Origins origins = new Origins();
        origins.map("", new Part(state.base, "", state.base.root()));
        if (state.port != null) {
            put(root, origins, "port", state.port);
        }
        for (String key : SECTIONS) {
            Part part = state.sections.get(key);
            if (part != null) {
                put(root, origins, key, part);
            }
        }
        putList(root, origins, "inbounds", state.inbounds);
        putList(root, origins, "outbounds", state.outbounds);
        if (state.firstInboundPort != null) {
            origins.map("/inbounds/0/port", state.firstInboundPort);
        }
        state.unknown.forEach((key, part) -> put(root, origins, key, part));
        return ConfigDocument.composed(state.sources, root, origins);
    }

    private static void put(ObjectNode root, Origins origins, String key, Part part) {
        root.set(key, part.node());
        origins.map(JsonPointers.child("", key), part);
    }

    private static void putList(ObjectNode root, Origins origins, String key, ProxyList list) {
        if (!list.present()) {
            return;
        }
        String pointer = JsonPointers.child("", key);
        origins.map(pointer, list.array);
        if (!list.wellFormed()) {
            root.set(key, list.array.node());
            return;
        }
        ArrayNode array = root.putArray(key);
        for (int i = 0; i < list.items.size(); i++) {
            Part item = list.items.get(i);
            array.add(item.node());
            origins.map(JsonPointers.child(pointer, i), item);
        }
    }
}
