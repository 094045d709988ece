package dev.vtool.schema.link;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.vmess.V2rayUuid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Share links for the VMess outbounds of a client config: one per outbound, vnext entry and user. */
public final class ConfigLinks {

    /**
     * One link, or why a user could not be expressed as one.
     *
     * @param pointer the user ({@code /outbounds/0/settings/vnext/0/users/0})
     */
    public record Entry(String pointer, VmessLink link, String problem) {
    }

    private ConfigLinks() {
    }

    public static List<Entry> of(ConfigDocument doc) {
        List<Entry> out = new ArrayList<>();
        for (ConfigNode ob : ConfigNode.root(doc).elements("outbounds")) {
            if (!"vmess".equalsIgnoreCase(ob.get("protocol") == null ? null : ob.get("protocol").text())) {
                continue;
            }
            ConfigNode settings = ob.get("settings");
            for (ConfigNode entry : settings == null ? List.<ConfigNode>of() : settings.elements("vnext")) {
                for (ConfigNode user : entry.elements("users")) {
                    out.add(entry(doc, ob.pointer(), entry.pointer(), user.pointer()));
                }
            }
        }
        return out;
    }

    private static Entry entry(ConfigDocument doc, String ob, String entry, String user) {
        String address = text(doc.at(entry + "/address"));
        JsonNode portNode = doc.at(entry + "/port");
        if (address.isEmpty() || !portNode.isIntegralNumber()) {
            return new Entry(user, null, "the vnext entry has no address or no numeric port");
        }
        String port = portNode.asString();
        String tag = text(doc.at(ob + "/tag"));
        String ps = tag.isEmpty() || tag.equals("proxy") ? address + ":" + port : tag;
        JsonNode aidNode = doc.at(user + "/alterId");
        String aid = aidNode.isIntegralNumber() ? aidNode.asString() : "0";
        String scy = text(doc.at(user + "/security"));
        String ss = ob + "/streamSettings";
        String net = network(text(doc.at(ss + "/network")));
        String type = "none";
        String host = "";
        String path = "";
        switch (net) {
            case "ws": {
                String ws = ss + "/wsSettings";
                path = text(doc.at(ws + "/path"));
                JsonNode headers = doc.at(ws + "/headers");
                for (String name : headers.isObject() ? headers.propertyNames() : List.<String>of()) {
                    if (name.equalsIgnoreCase("host")) {
                        host = text(headers.get(name));
                    }
                }
                break;
            }
            case "h2":
                host = String.join(",", strings(doc.at(ss + "/httpSettings/host")));
                path = text(doc.at(ss + "/httpSettings/path"));
                break;
            case "kcp":
                type = orNone(text(doc.at(ss + "/kcpSettings/header/type")));
                path = text(doc.at(ss + "/kcpSettings/seed"));
                break;
            case "quic":
                type = orNone(text(doc.at(ss + "/quicSettings/header/type")));
                host = text(doc.at(ss + "/quicSettings/security"));
                path = text(doc.at(ss + "/quicSettings/key"));
                break;
            case "tcp": {
                String h = ss + "/tcpSettings/header";
                type = orNone(text(doc.at(h + "/type")));
                if (type.equalsIgnoreCase("http")) {
                    path = String.join(",", strings(doc.at(h + "/request/path")));
                    JsonNode headers = doc.at(h + "/request/headers");
                    for (String name : headers.isObject() ? headers.propertyNames() : List.<String>of()) {
                        if (name.equalsIgnoreCase("host")) {
                            host = String.join(",", strings(headers.get(name)));
                        }
                    }
                }
                break;
            }
            default:
                return new Entry(user, null, "transport \"" + net + "\" has no vmess:// link form");
        }
        boolean tls = text(doc.at(ss + "/security")).equalsIgnoreCase("tls");
        String sni = tls ? text(doc.at(ss + "/tlsSettings/serverName")) : "";
        String alpn = tls ? String.join(",", strings(doc.at(ss + "/tlsSettings/alpn"))) : "";
        String id = text(doc.at(user + "/id"));
        V2rayUuid.Parse parsed = V2rayUuid.parse(id);
        if (!parsed.ok()) {
            return new Entry(user, null, "the user id \"" + id + "\" is not one V2Ray 4.34 accepts: " + parsed.errorWithOutcome());
        }
        VmessLink link = new VmessLink(ps, address, port, id, aid, scy, net, type, host, path,
                tls ? "tls" : "", sni, alpn);
        return new Entry(user, link, null);
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "none" : s;
    }

    private static String network(String n) {
        switch (n.toLowerCase(Locale.ROOT)) {
            case "":
            case "tcp":
                return "tcp";
            case "mkcp":
            case "kcp":
                return "kcp";
            case "websocket":
            case "ws":
                return "ws";
            case "http":
            case "h2":
                return "h2";
            case "quic":
                return "quic";
            default:
                return n.toLowerCase(Locale.ROOT);
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : "";
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> {
                if (e.isString()) {
                    out.add(e.stringValue());
                }
            });
        } else if (n.isString()) {
            out.addAll(ClientConfigWriter.splitComma(n.stringValue()));
        }
        return out;
    }
}
