package dev.vtool.schema.pair;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.model.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * One server a client outbound connects to: a VMess/VLESS {@code vnext} entry or a
 * Shadowsocks/Trojan/SOCKS/HTTP {@code servers} entry.
 *
 * @param outbound pointer of the outbound ({@code /outbounds/0})
 * @param entry    pointer of the vnext/servers entry ({@code /outbounds/0/settings/vnext/0})
 */
record ClientTarget(String protocol, String outbound, String entry, String address, int port) {

    static final List<String> PAIRABLE = List.of("vmess", "vless", "trojan", "shadowsocks", "socks", "http");

    String streamSettings() {
        return outbound + "/streamSettings";
    }

    String portPointer() {
        return entry + "/port";
    }

    /** Every server entry of every pairable outbound of the client, in file order. */
    static List<ClientTarget> all(ConfigDocument client) {
        List<ClientTarget> out = new ArrayList<>();
        for (ConfigNode ob : ConfigNode.root(client).elements("outbounds")) {
            String protocol = Nodes.lower(member(ob, "protocol"), "");
            if (!PAIRABLE.contains(protocol)) {
                continue;
            }
            ConfigNode settings = ob.get("settings");
            String listKey = protocol.equals("vmess") || protocol.equals("vless") ? "vnext" : "servers";
            for (ConfigNode entry : settings == null ? List.<ConfigNode>of() : settings.elements(listKey)) {
                String address = Nodes.text(member(entry, "address"), "").toLowerCase(Locale.ROOT);
                int port = (int) Nodes.number(member(entry, "port"), -1);
                out.add(new ClientTarget(protocol, ob.pointer(), entry.pointer(), address, port));
            }
        }
        return out;
    }

    /** The member's value, or null when absent (Nodes' readers take null as "not given"). */
    static JsonNode member(ConfigNode n, String key) {
        ConfigNode m = n.get(key);
        return m == null ? null : m.json();
    }
}
