package dev.vtool.schema.rules;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * One inbound or outbound of a config with its JSON Pointer. {@link #inbounds} and {@link #outbounds}
 * list them in V2Ray's order, including the deprecated single {@code inbound}/{@code outbound} objects
 * and the {@code inboundDetour}/{@code outboundDetour} arrays.
 */
record Proxy(String pointer, JsonNode node, boolean inbound) {

    static List<Proxy> inbounds(ConfigDocument doc) {
        return collect(doc, true, "inbound", "inboundDetour", "inbounds");
    }

    static List<Proxy> outbounds(ConfigDocument doc) {
        return collect(doc, false, "outbound", "outboundDetour", "outbounds");
    }

    static List<Proxy> all(ConfigDocument doc) {
        List<Proxy> all = new ArrayList<>(inbounds(doc));
        all.addAll(outbounds(doc));
        return all;
    }

    private static List<Proxy> collect(ConfigDocument doc, boolean inbound, String single, String detours, String list) {
        JsonNode root = doc.root();
        List<Proxy> out = new ArrayList<>();
        JsonNode one = Keys.get(root, single);
        if (one.isObject()) {
            out.add(new Proxy(Keys.ptr("", root, single), one, inbound));
        }
        for (String arrayKey : List.of(detours, list)) {
            JsonNode array = Keys.get(root, arrayKey);
            if (array.isArray()) {
                String base = Keys.ptr("", root, arrayKey);
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isObject()) {
                        out.add(new Proxy(JsonPointers.child(base, i), array.get(i), inbound));
                    }
                }
            }
        }
        return out;
    }

    /** "inbound" or "outbound", for messages. */
    String side() {
        return inbound ? "inbound" : "outbound";
    }

    /** The protocol id lower-cased as V2Ray looks it up, or null when absent / not a string. */
    String protocol() {
        return Keys.lower(Keys.text(node, "protocol"));
    }

    boolean is(String protocolId) {
        return protocolId.equals(protocol());
    }

    String tag() {
        return Keys.text(node, "tag");
    }

    /** Pointer of a direct member (spelling as in the file). */
    String ptr(String key) {
        return Keys.ptr(pointer, node, key);
    }

    JsonNode get(String key) {
        return Keys.get(node, key);
    }

    JsonNode settings() {
        return get("settings");
    }

    String settingsPtr() {
        return ptr("settings");
    }

    JsonNode stream() {
        return get("streamSettings");
    }

    String streamPtr() {
        return ptr("streamSettings");
    }

    /** The transport network after alias folding (tcp when absent), or the raw lower-cased text. */
    String network() {
        String n = Keys.lower(Keys.text(stream(), "network"));
        if (n == null) {
            return "tcp";
        }
        return switch (n) {
            case "mkcp" -> "kcp";
            case "websocket" -> "ws";
            case "h2" -> "http";
            case "domainsocket" -> "ds";
            default -> n;
        };
    }

    /** True when streamSettings.security is "tls" (case-insensitive), the only value that enables TLS in 4.34. */
    boolean tls() {
        return "tls".equals(Keys.lower(Keys.text(stream(), "security")));
    }

    /**
     * Calls {@code each} with every server entry of an outbound ({@code vnext[]} for VMess/VLESS, else {@code servers[]})
     * and its pointer.
     */
    void forEachServer(BiConsumer<String, JsonNode> each) {
        JsonNode s = settings();
        String key = is("vmess") || is("vless") ? "vnext" : "servers";
        JsonNode list = Keys.get(s, key);
        if (list.isArray()) {
            String base = Keys.ptr(settingsPtr(), s, key);
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isObject()) {
                    each.accept(JsonPointers.child(base, i), list.get(i));
                }
            }
        }
    }

    /**
     * Calls {@code each} with every user account that has a VMess/VLESS-style id: inbound
     * {@code clients[]}, outbound {@code vnext[].users[]}.
     */
    void forEachUser(BiConsumer<String, JsonNode> each) {
        if (inbound) {
            JsonNode clients = Keys.get(settings(), "clients");
            if (clients.isArray()) {
                String base = Keys.ptr(settingsPtr(), settings(), "clients");
                for (int i = 0; i < clients.size(); i++) {
                    if (clients.get(i).isObject()) {
                        each.accept(JsonPointers.child(base, i), clients.get(i));
                    }
                }
            }
        } else {
            forEachServer((serverPtr, server) -> {
                JsonNode users = Keys.get(server, "users");
                if (users.isArray()) {
                    String base = Keys.ptr(serverPtr, server, "users");
                    for (int i = 0; i < users.size(); i++) {
                        if (users.get(i).isObject()) {
                            each.accept(JsonPointers.child(base, i), users.get(i));
                        }
                    }
                }
            });
        }
    }
}
