package dev.vtool.engine.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An outbound in 4.34's protobuf form ({@code core.OutboundHandlerConfig}: tag = 1, sender_settings = 2 as
 * {@code app.proxyman.SenderConfig}, proxy_settings = 3), turned into the JSON object a config file would
 * hold for it, so the same model builder and engine code build it. Protocols vtool does not decode are
 * refused by their message type.
 */
final class ProtoOutbounds {
    static final String SENDER = ProtoCommon.PREFIX + "app.proxyman.SenderConfig";
    private static final String[] VMESS_SECURITY = {null, null, "auto", "aes-128-gcm", "chacha20-poly1305", "none"};
    private static final String[] DOMAIN_STRATEGY = {"AsIs", "UseIP", "UseIPv4", "UseIPv6"};

    private ProtoOutbounds() {
    }

    static boolean decodes(String type) {
        return switch (type) {
            case "v2ray.core.proxy.freedom.Config", "v2ray.core.proxy.blackhole.Config",
                 "v2ray.core.proxy.vmess.outbound.Config", "v2ray.core.proxy.vless.outbound.Config",
                 "v2ray.core.proxy.trojan.ClientConfig", "v2ray.core.proxy.shadowsocks.ClientConfig",
                 "v2ray.core.proxy.socks.ClientConfig" -> true;
            default -> false;
        };
    }

    static String json(HandlerMessages.HandlerConfig c) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!c.tag().isEmpty()) {
            out.put("tag", c.tag());
        }
        HandlerMessages.TypedMessage sender = c.transportSettings();
        if (sender != null && !sender.type().isEmpty()) {
            if (!SENDER.equals(sender.type())) {
                throw ProtoCommon.refuse(sender.type(), "sender_settings (expected " + SENDER + ")");
            }
            sender(ProtoFields.parse(sender.value()), out);
        }
        HandlerMessages.TypedMessage proxy = c.proxySettings();
        ProtoFields f = ProtoFields.parse(proxy.value());
        String where = "the outbound's proxy_settings";
        Map<String, Object> settings = new LinkedHashMap<>();
        switch (proxy.type()) {
            case "v2ray.core.proxy.freedom.Config" -> freedom(f, settings, out);
            case "v2ray.core.proxy.blackhole.Config" -> blackhole(f, settings, out);
            case "v2ray.core.proxy.vmess.outbound.Config" -> vmess(f, settings, out, where);
            case "v2ray.core.proxy.vless.outbound.Config" -> vless(f, settings, out, where);
            case "v2ray.core.proxy.trojan.ClientConfig" -> trojan(f, settings, out, where);
            case "v2ray.core.proxy.shadowsocks.ClientConfig" -> shadowsocks(f, settings, out, where);
            case "v2ray.core.proxy.socks.ClientConfig" -> socks(f, settings, out, where);
            default -> throw ProtoCommon.refuse(proxy.type(), where);
        }
        out.put("settings", settings);
        return JsonText.write(out);
    }

    /**
     * SenderConfig: via = 1, stream_settings = 2, proxy_settings = 3 (ProxyConfig: tag = 1),
     * multiplex_settings = 4 (enabled = 1, concurrency = 2).
     */
    private static void sender(ProtoFields f, Map<String, Object> out) throws IOException {
        String via = ProtoCommon.address(f.bytes(1));
        if (via != null) {
            out.put("sendThrough", via);
        }
        Map<String, Object> stream = ProtoStreamSettings.decode(f.bytes(2), "sender_settings");
        if (stream != null) {
            out.put("streamSettings", stream);
        }
        if (f.bytes(3) != null) {
            String tag = ProtoFields.parse(f.bytes(3)).string(1);
            if (!tag.isEmpty()) {
                out.put("proxySettings", Map.of("tag", tag));
            }
        }
        if (f.bytes(4) != null) {
            ProtoFields mux = ProtoFields.parse(f.bytes(4));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("enabled", mux.bool(1));
            if (mux.varint(2) != 0) {
                m.put("concurrency", mux.varint(2));
            }
            out.put("mux", m);
        }
    }

    /** freedom.Config: domain_strategy = 1, timeout = 2, destination_override = 3 (server = 1), user_level = 4. */
    private static void freedom(ProtoFields f, Map<String, Object> settings, Map<String, Object> out) throws IOException {
        out.put("protocol", "freedom");
        long strategy = f.varint(1);
        if (strategy != 0) {
            if (strategy >= DOMAIN_STRATEGY.length) {
                throw new IOException("freedom domain_strategy " + strategy);
            }
            settings.put("domainStrategy", DOMAIN_STRATEGY[(int) strategy]);
        }
        if (f.bytes(3) != null) {
            byte[] server = ProtoFields.parse(f.bytes(3)).bytes(1);
            if (server != null) {
                ProtoFields s = ProtoFields.parse(server);
                String address = ProtoCommon.address(s.bytes(1));
                settings.put("redirect", (address == null ? "" : address.contains(":") ? "[" + address + "]" : address)
                        + ":" + s.varint(2));
            }
        }
        if (f.varint(4) != 0) {
            settings.put("userLevel", f.varint(4));
        }
    }

    /** blackhole.Config: response = 1 (TypedMessage NoneResponse or HTTPResponse). */
    private static void blackhole(ProtoFields f, Map<String, Object> settings, Map<String, Object> out) throws IOException {
        out.put("protocol", "blackhole");
        HandlerMessages.TypedMessage response = HandlerMessages.TypedMessage.decode(f.bytes(1));
        if (response != null && response.type().equals(ProtoCommon.PREFIX + "proxy.blackhole.HTTPResponse")) {
            settings.put("response", Map.of("type", "http"));
        }
    }

    /** vmess.outbound.Config: Receiver = 1 (ServerEndpoint; Account: id = 1, alter_id = 2, security_settings = 3 {type = 1}). */
    private static void vmess(ProtoFields f, Map<String, Object> settings, Map<String, Object> out, String where)
            throws IOException {
        out.put("protocol", "vmess");
        settings.put("vnext", vnext(f, Accounts.VMESS, where, (account, user) -> {
            user.put("id", account.string(1));
            user.put("alterId", account.varint(2));
            if (account.bytes(3) != null) {
                long type = ProtoFields.parse(account.bytes(3)).varint(1);
                if (type >= 0 && type < VMESS_SECURITY.length && VMESS_SECURITY[(int) type] != null) {
                    user.put("security", VMESS_SECURITY[(int) type]);
                }
            }
        }));
    }

    /** vless.outbound.Config: vnext = 1 (ServerEndpoint; Account: id = 1, flow = 2, encryption = 3). */
    private static void vless(ProtoFields f, Map<String, Object> settings, Map<String, Object> out, String where)
            throws IOException {
        out.put("protocol", "vless");
        settings.put("vnext", vnext(f, Accounts.VLESS, where, (account, user) -> {
            user.put("id", account.string(1));
            if (!account.string(2).isEmpty()) {
                user.put("flow", account.string(2));
            }
            user.put("encryption", account.string(3).isEmpty() ? "none" : account.string(3));
        }));
    }

    /** How one protocol's Account message becomes a JSON user's fields. */
    private interface AccountFields {
        void put(ProtoFields account, Map<String, Object> user) throws IOException;
    }

    /** Field 1's ServerEndpoints (users = 3, each a protocol.User with an Account of {@code accountType}) as JSON vnext. */
    private static List<Object> vnext(ProtoFields f, String accountType, String where, AccountFields fields)
            throws IOException {
        List<Object> vnext = new ArrayList<>();
        for (ProtoFields endpoint : ProtoCommon.endpoints(f, 1)) {
            Map<String, Object> server = ProtoCommon.server(endpoint);
            List<Object> users = new ArrayList<>();
            for (byte[] u : endpoint.repeated(3)) {
                Map<String, Object> user = new LinkedHashMap<>();
                fields.put(ProtoCommon.user(u, accountType, user, where), user);
                users.add(user);
            }
            server.put("users", users);
            vnext.add(server);
        }
        return vnext;
    }

    /** trojan.ClientConfig: server = 1 (ServerEndpoint; Account: password = 1). */
    private static void trojan(ProtoFields f, Map<String, Object> settings, Map<String, Object> out, String where)
            throws IOException {
        out.put("protocol", "trojan");
        List<Object> servers = new ArrayList<>();
        for (ProtoFields endpoint : ProtoCommon.endpoints(f, 1)) {
            Map<String, Object> server = ProtoCommon.server(endpoint);
            List<byte[]> users = endpoint.repeated(3);
            if (users.size() != 1) {
                throw new IOException("a trojan server with " + users.size() + " users (4.34 takes one)");
            }
            server.put("password", ProtoCommon.user(users.get(0), Accounts.TROJAN, server, where).string(1));
            servers.add(server);
        }
        settings.put("servers", servers);
    }

    /** shadowsocks.ClientConfig: server = 1 (ServerEndpoint; Account: password = 1, cipher_type = 2). */
    private static void shadowsocks(ProtoFields f, Map<String, Object> settings, Map<String, Object> out, String where)
            throws IOException {
        out.put("protocol", "shadowsocks");
        List<Object> servers = new ArrayList<>();
        for (ProtoFields endpoint : ProtoCommon.endpoints(f, 1)) {
            Map<String, Object> server = ProtoCommon.server(endpoint);
            List<byte[]> users = endpoint.repeated(3);
            if (users.size() != 1) {
                throw new IOException("a shadowsocks server with " + users.size() + " users (4.34 takes one)");
            }
            ProtoFields account = ProtoCommon.user(users.get(0), ShadowsocksAccounts.TYPE, server, where);
            server.put("method", ShadowsocksAccounts.method(account.varint(2)));
            server.put("password", account.string(1));
            servers.add(server);
        }
        settings.put("servers", servers);
    }

    /** socks.ClientConfig: server = 1 (ServerEndpoint; Account: username = 1, password = 2). */
    private static void socks(ProtoFields f, Map<String, Object> settings, Map<String, Object> out, String where)
            throws IOException {
        out.put("protocol", "socks");
        List<Object> servers = new ArrayList<>();
        for (ProtoFields endpoint : ProtoCommon.endpoints(f, 1)) {
            Map<String, Object> server = ProtoCommon.server(endpoint);
            List<Object> users = new ArrayList<>();
            for (byte[] u : endpoint.repeated(3)) {
                Map<String, Object> user = new LinkedHashMap<>();
                ProtoFields account = ProtoCommon.user(u, ProtoCommon.PREFIX + "proxy.socks.Account", user, where);
                user.put("user", account.string(1));
                user.put("pass", account.string(2));
                users.add(user);
            }
            if (!users.isEmpty()) {
                server.put("users", users);
            }
            servers.add(server);
        }
        settings.put("servers", servers);
    }
}
