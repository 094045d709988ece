package dev.vtool.schema.pair;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
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
        JsonNode outbounds = client.at("/outbounds");
        if (!outbounds.isArray()) {
            return out;
        }
        for (int i = 0; i < outbounds.size(); i++) {
            String ob = JsonPointers.child("/outbounds", i);
            String protocol = Nodes.lower(client.at(ob + "/protocol"), "");
            if (!PAIRABLE.contains(protocol)) {
                continue;
            }
            String listKey = protocol.equals("vmess") || protocol.equals("vless") ? "vnext" : "servers";
            String list = ob + "/settings/" + listKey;
            JsonNode entries = client.at(list);
            if (!entries.isArray()) {
                continue;
            }
            for (int k = 0; k < entries.size(); k++) {
                String entry = JsonPointers.child(list, k);
                String address = Nodes.text(client.at(entry + "/address"), "").toLowerCase(Locale.ROOT);
                int port = (int) Nodes.number(client.at(entry + "/port"), -1);
                out.add(new ClientTarget(protocol, ob, entry, address, port));
            }
        }
        return out;
    }
}
