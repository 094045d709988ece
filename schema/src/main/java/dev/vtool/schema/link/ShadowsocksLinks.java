package dev.vtool.schema.link;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code ss://} links for a config: one per server of each shadowsocks outbound (a client config), and
 * one per shadowsocks inbound (a server config), whose address is {@code serverAddress} or else its
 * {@code listen} address when that is a specific one.
 */
public final class ShadowsocksLinks {
    /**
     * One link, or why an entry could not be expressed as one.
     *
     * @param pointer the server entry or inbound
     */
    public record Entry(String pointer, ShadowsocksLink link, String problem) {
    }

    private ShadowsocksLinks() {
    }

    /** @param serverAddress the address clients reach the server's inbounds at, or null */
    public static List<Entry> of(ConfigDocument doc, String serverAddress) {
        List<Entry> out = new ArrayList<>();
        ConfigNode root = ConfigNode.root(doc);
        for (ConfigNode ob : root.elements("outbounds")) {
            if (!isShadowsocks(ob)) {
                continue;
            }
            ConfigNode settings = ob.get("settings");
            for (ConfigNode server : settings == null ? List.<ConfigNode>of() : settings.elements("servers")) {
                String address = text(server.get("address"));
                out.add(entry(server, address.isEmpty() ? null : IpText.stripBrackets(address), server.get("port"),
                        name(ob, address, server.get("port"))));
            }
        }
        for (ConfigNode in : root.elements("inbounds")) {
            if (!isShadowsocks(in)) {
                continue;
            }
            ConfigNode settings = in.get("settings");
            if (settings == null) {
                out.add(new Entry(in.pointer(), null, "the inbound has no settings"));
                continue;
            }
            String listen = text(in.get("listen"));
            String address = serverAddress != null ? serverAddress
                    : IpText.isIpLiteral(listen) && !listen.equals("0.0.0.0") && !listen.equals("::") ? listen : null;
            if (address == null) {
                out.add(new Entry(in.pointer(), null, "the inbound listens on every address: give --address with the "
                        + "name or IP clients reach this server at"));
                continue;
            }
            ConfigNode port = in.get("port");
            out.add(entry(settings, IpText.stripBrackets(address), port, name(in, address, port)));
        }
        return out;
    }

    private static boolean isShadowsocks(ConfigNode proxy) {
        return "shadowsocks".equalsIgnoreCase(text(proxy.get("protocol")));
    }

    private static Entry entry(ConfigNode user, String address, ConfigNode portNode, String name) {
        if (address == null || address.isEmpty()) {
            return new Entry(user.pointer(), null, "no address");
        }
        JsonNode p = portNode == null ? null : portNode.json();
        if (p == null || !p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > 65535) {
            return new Entry(user.pointer(), null, "no single numeric port (a port range or env port has no link form)");
        }
        String methodName = text(user.get("method"));
        ShadowsocksMethod method = ShadowsocksMethod.byName(methodName);
        if (method == null) {
            return new Entry(user.pointer(), null, "method \"" + methodName + "\" is not one V2Ray 4.34 has");
        }
        String password = text(user.get("password"));
        if (password.isEmpty()) {
            return new Entry(user.pointer(), null, "no password");
        }
        return new Entry(user.pointer(), new ShadowsocksLink(method, password, address, p.asInt(), name), null);
    }

    private static String name(ConfigNode proxy, String address, ConfigNode port) {
        String tag = text(proxy.get("tag"));
        return tag.isEmpty() || tag.equals("proxy") ? address + ":" + (port == null ? "" : port.json().asString()) : tag;
    }

    private static String text(ConfigNode n) {
        return n == null || n.text() == null ? "" : n.text();
    }
}
