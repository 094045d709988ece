package dev.vtool.schema.rules;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Routing rules and the tags they may name, collected once per config. */
final class Routing {
    /** Keys of a field rule that make it match something (app/router BuildCondition). */
    static final List<String> CONDITION_KEYS = List.of(
            "domain", "domains", "ip", "port", "sourcePort", "network", "source", "user", "inboundTag",
            "protocol", "attrs");

    private Routing() {
    }

    /** One routing rule and where it is. */
    record Rule(String pointer, JsonNode node) {
        String ptr(String key) {
            return Keys.ptr(pointer, node, key);
        }

        JsonNode get(String key) {
            return Keys.get(node, key);
        }

        /** The target as V2Ray picks it: outboundTag wins over balancerTag; empty strings do not count. */
        String outboundTag() {
            String t = Keys.text(node, "outboundTag");
            return t == null || t.isEmpty() ? null : t;
        }

        String balancerTag() {
            String t = Keys.text(node, "balancerTag");
            return outboundTag() != null || t == null || t.isEmpty() ? null : t;
        }
    }

    /** {@code routing.rules[]} then the deprecated {@code routing.settings.rules[]}, in V2Ray's order. */
    static List<Rule> rules(ConfigDocument doc) {
        List<Rule> out = new ArrayList<>();
        JsonNode routing = Keys.get(doc.root(), "routing");
        String routingPtr = Keys.ptr("", doc.root(), "routing");
        addRules(out, routing, routingPtr);
        JsonNode settings = Keys.get(routing, "settings");
        addRules(out, settings, Keys.ptr(routingPtr, routing, "settings"));
        return out;
    }

    private static void addRules(List<Rule> out, JsonNode parent, String parentPtr) {
        JsonNode rules = Keys.get(parent, "rules");
        if (rules.isArray()) {
            String base = Keys.ptr(parentPtr, parent, "rules");
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).isObject()) {
                    out.add(new Rule(JsonPointers.child(base, i), rules.get(i)));
                }
            }
        }
    }

    /** Tags a rule's outboundTag may name: outbounds, the API tag, reverse portals. */
    static Set<String> outboundTags(ConfigDocument doc) {
        Set<String> tags = new LinkedHashSet<>();
        for (Proxy p : Proxy.outbounds(doc)) {
            addIfSet(tags, p.tag());
        }
        addIfSet(tags, Keys.text(Keys.get(doc.root(), "api"), "tag"));
        reverseTags(doc, "portals", tags);
        return tags;
    }

    /** Tags a rule's inboundTag may name: inbounds, the DNS module's tag, reverse bridges. */
    static Set<String> inboundTags(ConfigDocument doc) {
        Set<String> tags = new LinkedHashSet<>();
        for (Proxy p : Proxy.inbounds(doc)) {
            addIfSet(tags, p.tag());
        }
        addIfSet(tags, Keys.text(Keys.get(doc.root(), "dns"), "tag"));
        reverseTags(doc, "bridges", tags);
        return tags;
    }

    /** Balancer tags declared in routing.balancers[]. */
    static Set<String> balancerTags(ConfigDocument doc) {
        Set<String> tags = new LinkedHashSet<>();
        JsonNode balancers = Keys.get(Keys.get(doc.root(), "routing"), "balancers");
        if (balancers.isArray()) {
            for (JsonNode b : balancers) {
                addIfSet(tags, Keys.text(b, "tag"));
            }
        }
        return tags;
    }

    /** The tags of {@code reverse.bridges} or {@code reverse.portals}. */
    static Set<String> reverseTags(ConfigDocument doc, String key) {
        Set<String> tags = new LinkedHashSet<>();
        reverseTags(doc, key, tags);
        return tags;
    }

    private static void reverseTags(ConfigDocument doc, String key, Set<String> into) {
        JsonNode list = Keys.get(Keys.get(doc.root(), "reverse"), key);
        if (list.isArray()) {
            for (JsonNode e : list) {
                addIfSet(into, Keys.text(e, "tag"));
            }
        }
    }

    private static void addIfSet(Set<String> tags, String tag) {
        if (tag != null && !tag.isEmpty()) {
            tags.add(tag);
        }
    }
}
