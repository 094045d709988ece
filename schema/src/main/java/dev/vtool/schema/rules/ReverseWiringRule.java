package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How the {@code reverse} section is wired to routing, which 4.34 never checks: a bridge is an inbound tag
 * (its link to the portal and the connections it serves enter routing under it), a portal an outbound tag.
 * A bridge no rule names sends both to the default outbound; a portal no rule targets is unreachable; a
 * portal named as an inbound tag (or a bridge as an outbound) never matches; a portal replaces the outbound
 * of the same tag; a bridge and a portal of one config with the same domain serve each other.
 */
public final class ReverseWiringRule extends SimpleRule {
    public ReverseWiringRule() {
        super("reverse-wiring", Severity.WARNING,
                "A reverse bridge/portal routing never names (or names on the wrong side), a portal hiding an"
                        + " outbound, a domain on both sides.");
    }

    private record Entry(String tag, String domain, String pointer) {
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        Map<String, Entry> bridges = entries(doc, "bridges");
        Map<String, Entry> portals = entries(doc, "portals");
        if (bridges.isEmpty() && portals.isEmpty()) {
            return;
        }
        java.util.Set<String> namedIn = new java.util.HashSet<>();
        java.util.Set<String> namedOut = new java.util.HashSet<>();
        for (Routing.Rule rule : Routing.rules(doc)) {
            if (rule.outboundTag() != null) {
                namedOut.add(rule.outboundTag());
                if (bridges.containsKey(rule.outboundTag())) {
                    ctx.report(rule.ptr("outboundTag"), "\"" + rule.outboundTag() + "\" is a reverse bridge, which is an"
                                    + " inbound tag: as an outboundTag it names no outbound",
                            "route to a portal or outbound here; use the bridge's tag in \"inboundTag\"");
                }
            }
            for (Keys.Item item : Keys.stringList(rule.get("inboundTag"), rule.ptr("inboundTag"))) {
                namedIn.add(item.value());
                if (portals.containsKey(item.value())) {
                    ctx.report(item.pointer(), "\"" + item.value() + "\" is a reverse portal, which is an outbound tag:"
                                    + " as an inboundTag it never matches",
                            "send traffic to the portal with \"outboundTag\": \"" + item.value() + "\"");
                }
            }
        }
        for (String selector : balancerSelectors(doc)) {
            portals.keySet().stream().filter(t -> t.startsWith(selector)).forEach(namedOut::add);
        }
        for (Entry b : bridges.values()) {
            if (!namedIn.contains(b.tag())) {
                ctx.report(b.pointer(), "no routing rule names the reverse bridge \"" + b.tag() + "\" in inboundTag: its"
                                + " link to the portal (domain \"" + b.domain() + "\") and every connection the portal"
                                + " opens go to the default outbound",
                        "add rules {\"inboundTag\": [\"" + b.tag() + "\"], \"domain\": [\"full:" + b.domain()
                                + "\"], \"outboundTag\": <the outbound to the portal>} and {\"inboundTag\": [\"" + b.tag()
                                + "\"], \"outboundTag\": <the outbound to the local service>}");
            }
        }
        Map<String, String> outboundTags = new HashMap<>();
        for (Proxy p : Proxy.outbounds(doc)) {
            if (p.tag() != null && !p.tag().isEmpty()) {
                outboundTags.putIfAbsent(p.tag(), p.ptr("tag"));
            }
        }
        for (Entry p : portals.values()) {
            if (!namedOut.contains(p.tag())) {
                ctx.report(p.pointer(), "no routing rule sends anything to the reverse portal \"" + p.tag() + "\": neither"
                                + " the bridge's link (domain \"" + p.domain() + "\") nor clients reach it",
                        "add rules {\"inboundTag\": [<the inbound the bridge connects to>], \"domain\": [\"full:" + p.domain()
                                + "\"], \"outboundTag\": \"" + p.tag() + "\"} and one sending clients to \"" + p.tag() + "\"");
            }
            if (outboundTags.containsKey(p.tag())) {
                ctx.report(outboundTags.get(p.tag()), "the reverse portal \"" + p.tag() + "\" has this outbound's tag: V2Ray"
                                + " 4.34 registers the portal over it, so this outbound is never used",
                        "give the portal or this outbound another tag");
            }
            for (Entry b : bridges.values()) {
                if (b.domain().equals(p.domain())) {
                    ctx.report(p.pointer(), "the reverse portal \"" + p.tag() + "\" and the bridge \"" + b.tag() + "\" of"
                                    + " this config share the domain \"" + p.domain() + "\": a bridge's link routed to this"
                                    + " portal serves this config's own clients",
                            "the bridge belongs in the config behind the firewall, the portal in the public one");
                }
            }
        }
    }

    private static Map<String, Entry> entries(ConfigDocument doc, String kind) {
        Map<String, Entry> out = new java.util.LinkedHashMap<>();
        JsonNode reverse = Keys.get(doc.root(), "reverse");
        JsonNode list = Keys.get(reverse, kind);
        if (!list.isArray()) {
            return out;
        }
        String base = Keys.ptr(Keys.ptr("", doc.root(), "reverse"), reverse, kind);
        for (int i = 0; i < list.size(); i++) {
            String tag = Keys.text(list.get(i), "tag");
            String domain = Keys.text(list.get(i), "domain");
            if (tag != null && !tag.isEmpty() && domain != null && !domain.isEmpty()) {
                out.putIfAbsent(tag, new Entry(tag, domain, JsonPointers.child(base, i)));
            }
        }
        return out;
    }

    private static java.util.List<String> balancerSelectors(ConfigDocument doc) {
        java.util.List<String> out = new java.util.ArrayList<>();
        JsonNode balancers = Keys.get(Keys.get(doc.root(), "routing"), "balancers");
        if (balancers.isArray()) {
            for (JsonNode b : balancers) {
                for (Keys.Item item : Keys.stringList(Keys.get(b, "selector"), "")) {
                    out.add(item.value());
                }
            }
        }
        return out;
    }
}
