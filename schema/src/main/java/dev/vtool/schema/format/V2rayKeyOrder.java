package dev.vtool.schema.format;

import dev.vtool.schema.format.JsoncTree.Container;
import dev.vtool.schema.format.JsoncTree.Item;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reorders the members of the well-known objects into the order V2Ray's documentation lists them. The sort
 * is stable and compares keys as V2Ray matches them (ignoring case), so duplicate keys keep their order
 * and with it which one V2Ray uses.
 */
final class V2rayKeyOrder {
    private static final List<String> ROOT = List.of("log", "api", "dns", "routing", "policy", "inbounds",
            "outbounds", "transport", "stats", "reverse", "fakedns", "browserforwarder", "observatory");
    private static final List<String> LOG = List.of("access", "error", "loglevel");
    private static final List<String> ROUTING = List.of("domainstrategy", "domainmatcher", "rules", "balancers");
    private static final List<String> RULE = List.of("type", "domainmatcher", "domain", "domains", "ip", "port",
            "sourceport", "network", "source", "user", "inboundtag", "protocol", "attrs", "outboundtag", "balancertag");
    private static final List<String> INBOUND = List.of("tag", "listen", "port", "protocol", "settings",
            "streamsettings", "sniffing", "allocate");
    private static final List<String> OUTBOUND = List.of("tag", "sendthrough", "protocol", "settings",
            "streamsettings", "proxysettings", "mux");
    private static final List<String> STREAM = List.of("network", "security", "tlssettings", "xtlssettings",
            "tcpsettings", "kcpsettings", "wssettings", "httpsettings", "quicsettings", "dssettings", "grpcsettings",
            "sockopt");
    private static final List<String> SNIFFING = List.of("enabled", "destoverride", "metadataonly");

    private V2rayKeyOrder() {
    }

    static void apply(Container root) {
        if (!root.object) {
            return;
        }
        sort(root, ROOT);
        for (Item top : root.items) {
            String key = lower(top.key());
            if (!(top.value instanceof Container c)) {
                continue;
            }
            switch (key) {
                case "log" -> sort(c, LOG);
                case "routing" -> {
                    sort(c, ROUTING);
                    eachObject(member(c, "rules"), RULE);
                }
                case "inbounds" -> eachObject(c, INBOUND);
                case "outbounds" -> eachObject(c, OUTBOUND);
                default -> {
                }
            }
        }
    }

    /** Sorts every object element of an array, and their streamSettings and sniffing. */
    private static void eachObject(Container array, List<String> order) {
        if (array == null || array.object) {
            return;
        }
        for (Item element : array.items) {
            if (element.value instanceof Container o && o.object) {
                sort(o, order);
                sort(member(o, "streamsettings"), STREAM);
                sort(member(o, "sniffing"), SNIFFING);
            }
        }
    }

    private static Container member(Container object, String lowerKey) {
        for (Item i : object.items) {
            if (lowerKey.equals(lower(i.key())) && i.value instanceof Container c) {
                return c;
            }
        }
        return null;
    }

    private static void sort(Container object, List<String> order) {
        if (object == null || !object.object) {
            return;
        }
        object.items.sort(Comparator.comparingInt(i -> {
            int rank = order.indexOf(lower(i.key()));
            return rank < 0 ? Integer.MAX_VALUE : rank;
        }));
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
