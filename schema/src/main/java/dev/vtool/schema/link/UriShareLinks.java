package dev.vtool.schema.link;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.IpText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code trojan://} and {@code vless://} links for a config: one per server (trojan) or user (vless) of each
 * outbound (a client config), and one per client of each inbound (a server config), whose address is
 * {@code serverAddress} or else its specific {@code listen} address.
 */
public final class UriShareLinks {
    /** One link, or why an entry could not be expressed as one. */
    public record Entry(String pointer, UriShareLink link, String problem) {
    }

    private UriShareLinks() {
    }

    /** @param serverAddress the address clients reach the server's inbounds at, or null */
    public static List<Entry> of(ConfigDocument doc, String serverAddress) {
        List<Entry> out = new ArrayList<>();
        ConfigNode root = ConfigNode.root(doc);
        for (ConfigNode ob : root.elements("outbounds")) {
            String protocol = protocol(ob);
            ConfigNode settings = ob.get("settings");
            if (protocol == null || settings == null) {
                continue;
            }
            if (protocol.equals("trojan")) {
                for (ConfigNode server : settings.elements("servers")) {
                    out.add(entry(ob, protocol, server, text(server.get("password")), server, text(server.get("address"))));
                }
            } else {
                for (ConfigNode server : settings.elements("vnext")) {
                    for (ConfigNode user : server.elements("users")) {
                        out.add(entry(ob, protocol, user, text(user.get("id")), server, text(server.get("address"))));
                    }
                }
            }
        }
        for (ConfigNode in : root.elements("inbounds")) {
            String protocol = protocol(in);
            ConfigNode settings = in.get("settings");
            if (protocol == null || settings == null) {
                continue;
            }
            String listen = text(in.get("listen"));
            String address = serverAddress != null ? serverAddress
                    : IpText.isIpLiteral(listen) && !listen.equals("0.0.0.0") && !listen.equals("::") ? listen : null;
            for (ConfigNode client : settings.elements("clients")) {
                if (address == null) {
                    out.add(new Entry(client.pointer(), null, "the inbound listens on every address: give --address with the "
                            + "name or IP clients reach this server at"));
                    continue;
                }
                String secret = text(client.get(protocol.equals("trojan") ? "password" : "id"));
                out.add(entry(in, protocol, client, secret, in, address));
            }
        }
        return out;
    }

    private static String protocol(ConfigNode proxy) {
        String p = text(proxy.get("protocol")).toLowerCase(Locale.ROOT);
        return p.equals("trojan") || p.equals("vless") ? p : null;
    }

    /**
     * @param proxy  the outbound or inbound (tag, streamSettings)
     * @param user   where the secret and flow are
     * @param server where the port is (a server entry, or the inbound)
     */
    private static Entry entry(ConfigNode proxy, String protocol, ConfigNode user, String secret, ConfigNode server, String address) {
        if (address.isEmpty()) {
            return new Entry(user.pointer(), null, "no address");
        }
        JsonNode p = server.get("port") == null ? null : server.get("port").json();
        if (p == null || !p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > 65535) {
            return new Entry(user.pointer(), null, "no single numeric port (a port range or env port has no link form)");
        }
        if (secret.isEmpty()) {
            return new Entry(user.pointer(), null, protocol.equals("trojan") ? "no password" : "no id");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (protocol.equals("vless")) {
            params.put("encryption", "none");
            String flow = text(user.get("flow"));
            if (!flow.isEmpty()) {
                params.put("flow", flow);
            }
        }
        String problem = stream(proxy.get("streamSettings"), protocol, params);
        if (problem != null) {
            return new Entry(user.pointer(), null, problem);
        }
        String host = IpText.stripBrackets(address);
        String tag = text(proxy.get("tag"));
        String name = tag.isEmpty() || tag.equals("proxy") ? host + ":" + p.asInt() : tag;
        try {
            return new Entry(user.pointer(), UriShareLink.decode(new UriShareLink(protocol, secret, host, p.asInt(), params, name).encode()), null);
        } catch (LinkFormatException e) {
            return new Entry(user.pointer(), null, e.getMessage());
        }
    }

    /** Puts the stream's link parameters into {@code params}; returns why it has no link form, or null. */
    private static String stream(ConfigNode ss, String protocol, Map<String, String> params) {
        String network = ss == null ? "tcp" : text(ss.get("network")).toLowerCase(Locale.ROOT);
        switch (network) {
            case "", "tcp" -> {
                params.put("type", "tcp");
                ConfigNode header = ss == null ? null : ss.at("/tcpSettings/header/type");
                if (header != null && !text(header).isEmpty() && !text(header).equalsIgnoreCase("none")) {
                    return "a tcp \"header\" of type " + text(header) + " has no " + protocol + ":// link form here";
                }
            }
            case "ws", "websocket" -> {
                params.put("type", "ws");
                params.put("path", text(ss.at("/wsSettings/path")));
                ConfigNode headers = ss.at("/wsSettings/headers");
                if (headers != null) {
                    for (String n : headers.names()) {
                        if (n.equalsIgnoreCase("host")) {
                            params.put("host", text(headers.get(n)));
                        }
                    }
                }
            }
            case "h2", "http" -> {
                params.put("type", "http");
                params.put("path", text(ss.at("/httpSettings/path")));
                ConfigNode hosts = ss.at("/httpSettings/host");
                if (hosts != null && hosts.json().isArray()) {
                    List<String> h = new ArrayList<>();
                    hosts.json().forEach(x -> h.add(x.isString() ? x.stringValue() : ""));
                    params.put("host", String.join(",", h));
                }
            }
            default -> {
                return "transport \"" + network + "\" has no " + protocol + ":// link form here";
            }
        }
        boolean tls = ss != null && text(ss.get("security")).equalsIgnoreCase("tls");
        params.put("security", tls ? "tls" : "none");
        if (tls) {
            ConfigNode t = ss.get("tlsSettings");
            String sni = t == null ? "" : text(t.get("serverName"));
            if (!sni.isEmpty()) {
                params.put("sni", sni);
            }
            ConfigNode alpn = t == null ? null : t.get("alpn");
            if (alpn != null && alpn.json().isArray() && !alpn.json().isEmpty()) {
                List<String> a = new ArrayList<>();
                alpn.json().forEach(x -> a.add(x.isString() ? x.stringValue() : ""));
                params.put("alpn", String.join(",", a));
            }
            if (t != null && t.get("allowInsecure") != null && t.get("allowInsecure").json().asBoolean(false)) {
                params.put("allowInsecure", "1");
            }
        }
        params.values().removeIf(String::isEmpty);
        return null;
    }

    private static String text(ConfigNode n) {
        return n == null || n.text() == null ? "" : n.text();
    }
}
