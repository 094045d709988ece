package dev.vtool.engine.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inbound in 4.34's protobuf form ({@code core.InboundHandlerConfig}: tag = 1, receiver_settings = 2 as
 * {@code app.proxyman.ReceiverConfig}, proxy_settings = 3), as panels and grpcurl send it to AddInbound,
 * turned into the JSON object a config file would hold for it, so the same model builder and engine code
 * build it. Protocols vtool does not decode are refused by their message type.
 */
final class ProtoInbounds {
    static final String RECEIVER = ProtoCommon.PREFIX + "app.proxyman.ReceiverConfig";
    private static final String P = ProtoCommon.PREFIX + "proxy.";

    private ProtoInbounds() {
    }

    /** True when the proxy settings are one of 4.34's inbound configs this class reads. */
    static boolean decodes(String type) {
        return switch (type) {
            case "v2ray.core.proxy.vmess.inbound.Config", "v2ray.core.proxy.vless.inbound.Config",
                 "v2ray.core.proxy.trojan.ServerConfig", "v2ray.core.proxy.shadowsocks.ServerConfig",
                 "v2ray.core.proxy.socks.ServerConfig", "v2ray.core.proxy.http.ServerConfig",
                 "v2ray.core.proxy.dokodemo.Config" -> true;
            default -> false;
        };
    }

    static String json(HandlerMessages.HandlerConfig c) throws IOException {
        Map<String, Object> in = new LinkedHashMap<>();
        if (!c.tag().isEmpty()) {
            in.put("tag", c.tag());
        }
        HandlerMessages.TypedMessage receiver = c.transportSettings();
        if (receiver == null || receiver.type().isEmpty()) {
            throw new IOException("the inbound has no receiver_settings (" + RECEIVER + ")");
        }
        if (!RECEIVER.equals(receiver.type())) {
            throw ProtoCommon.refuse(receiver.type(), "receiver_settings (expected " + RECEIVER + ")");
        }
        receiver(ProtoFields.parse(receiver.value()), in);
        HandlerMessages.TypedMessage proxy = c.proxySettings();
        ProtoFields f = ProtoFields.parse(proxy.value());
        String where = "the inbound's proxy_settings";
        switch (proxy.type()) {
            case "v2ray.core.proxy.vmess.inbound.Config" -> vmess(f, in, where);
            case "v2ray.core.proxy.vless.inbound.Config" -> vless(f, in, where);
            case "v2ray.core.proxy.trojan.ServerConfig" -> trojan(f, in, where);
            case "v2ray.core.proxy.shadowsocks.ServerConfig" -> shadowsocks(f, in, where);
            case "v2ray.core.proxy.socks.ServerConfig" -> socks(f, in);
            case "v2ray.core.proxy.http.ServerConfig" -> http(f, in);
            case "v2ray.core.proxy.dokodemo.Config" -> dokodemo(f, in);
            default -> throw ProtoCommon.refuse(proxy.type(), where);
        }
        return JsonText.write(in);
    }

    /**
     * ReceiverConfig: port_range = 1, listen = 2, allocation_strategy = 3 (type = 1, concurrency = 2 {value = 1},
     * refresh = 3 {value = 1}), stream_settings = 4, receive_original_destination = 5 (dokodemo-door's
     * followRedirect says the same), domain_override = 7 (deprecated), sniffing_settings = 8 (enabled = 1,
     * destination_override = 2).
     */
    private static void receiver(ProtoFields f, Map<String, Object> in) throws IOException {
        Object port = ProtoCommon.portRange(f.bytes(1));
        if (port != null) {
            in.put("port", port);
        }
        String listen = ProtoCommon.address(f.bytes(2));
        if (listen != null) {
            in.put("listen", listen);
        }
        byte[] allocation = f.bytes(3);
        if (allocation != null) {
            ProtoFields a = ProtoFields.parse(allocation);
            Map<String, Object> allocate = new LinkedHashMap<>();
            long type = a.varint(1);
            if (type > 1) {
                throw ProtoCommon.refuse("allocation strategy External", "receiver_settings");
            }
            allocate.put("strategy", type == 1 ? "random" : "always");
            if (a.bytes(3) != null) {
                allocate.put("refresh", ProtoFields.parse(a.bytes(3)).varint(1));
            }
            if (a.bytes(2) != null) {
                allocate.put("concurrency", ProtoFields.parse(a.bytes(2)).varint(1));
            }
            in.put("allocate", allocate);
        }
        Map<String, Object> stream = ProtoStreamSettings.decode(f.bytes(4), "receiver_settings");
        if (stream != null) {
            in.put("streamSettings", stream);
        }
        byte[] sniffing = f.bytes(8);
        List<Long> domainOverride = f.varints(7);
        if (sniffing != null) {
            ProtoFields s = ProtoFields.parse(sniffing);
            Map<String, Object> sn = new LinkedHashMap<>();
            sn.put("enabled", s.bool(1));
            List<String> over = s.strings(2);
            if (!over.isEmpty()) {
                sn.put("destOverride", over);
            }
            in.put("sniffing", sn);
        } else if (!domainOverride.isEmpty()) {
            List<String> over = new ArrayList<>();
            for (long p : domainOverride) {
                over.add(p == 0 ? "http" : "tls");
            }
            in.put("sniffing", Map.of("enabled", true, "destOverride", over));
        }
    }

    /** vmess.inbound.Config: user = 1, default = 2 (alter_id = 1, level = 2), detour = 3 (to = 1), secure_encryption_only = 4. */
    private static void vmess(ProtoFields f, Map<String, Object> in, String where) throws IOException {
        in.put("protocol", "vmess");
        Map<String, Object> settings = new LinkedHashMap<>();
        List<Object> clients = new ArrayList<>();
        for (byte[] u : f.repeated(1)) {
            Map<String, Object> client = new LinkedHashMap<>();
            ProtoFields account = ProtoCommon.user(u, Accounts.VMESS, client, where);
            client.put("id", account.string(1));
            client.put("alterId", account.varint(2));
            clients.add(client);
        }
        settings.put("clients", clients);
        if (f.bytes(2) != null) {
            ProtoFields d = ProtoFields.parse(f.bytes(2));
            settings.put("default", Map.of("alterId", d.varint(1), "level", d.varint(2)));
        }
        if (f.bytes(3) != null) {
            settings.put("detour", Map.of("to", ProtoFields.parse(f.bytes(3)).string(1)));
        }
        if (f.bool(4)) {
            settings.put("disableInsecureEncryption", true);
        }
        in.put("settings", settings);
    }

    /** vless.inbound.Config: clients = 1, decryption = 2, fallbacks = 3. */
    private static void vless(ProtoFields f, Map<String, Object> in, String where) throws IOException {
        in.put("protocol", "vless");
        Map<String, Object> settings = new LinkedHashMap<>();
        List<Object> clients = new ArrayList<>();
        for (byte[] u : f.repeated(1)) {
            Map<String, Object> client = new LinkedHashMap<>();
            ProtoFields account = ProtoCommon.user(u, Accounts.VLESS, client, where);
            client.put("id", account.string(1));
            if (!account.string(2).isEmpty()) {
                client.put("flow", account.string(2));
            }
            clients.add(client);
        }
        settings.put("clients", clients);
        settings.put("decryption", f.string(2).isEmpty() ? "none" : f.string(2));
        fallbacks(f.repeated(3), settings);
        in.put("settings", settings);
    }

    /** trojan.ServerConfig: users = 1, fallbacks = 3. */
    private static void trojan(ProtoFields f, Map<String, Object> in, String where) throws IOException {
        in.put("protocol", "trojan");
        Map<String, Object> settings = new LinkedHashMap<>();
        List<Object> clients = new ArrayList<>();
        for (byte[] u : f.repeated(1)) {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("password", ProtoCommon.user(u, Accounts.TROJAN, client, where).string(1));
            clients.add(client);
        }
        settings.put("clients", clients);
        fallbacks(f.repeated(3), settings);
        in.put("settings", settings);
    }

    /** Fallback (VLESS and Trojan): alpn = 1, path = 2, type = 3, dest = 4, xver = 5. */
    private static void fallbacks(List<byte[]> list, Map<String, Object> settings) throws IOException {
        if (list.isEmpty()) {
            return;
        }
        List<Object> out = new ArrayList<>();
        for (byte[] b : list) {
            ProtoFields fb = ProtoFields.parse(b);
            Map<String, Object> m = new LinkedHashMap<>();
            if (!fb.string(1).isEmpty()) {
                m.put("alpn", fb.string(1));
            }
            if (!fb.string(2).isEmpty()) {
                m.put("path", fb.string(2));
            }
            String dest = fb.string(4);
            m.put("dest", dest.matches("\\d{1,5}") ? (Object) Integer.parseInt(dest) : dest);
            if (fb.varint(5) != 0) {
                m.put("xver", fb.varint(5));
            }
            out.add(m);
        }
        settings.put("fallbacks", out);
    }

    /** shadowsocks.ServerConfig: udp_enabled = 1 (deprecated), user = 2 (Account: password = 1, cipher_type = 2), network = 3. */
    private static void shadowsocks(ProtoFields f, Map<String, Object> in, String where) throws IOException {
        in.put("protocol", "shadowsocks");
        Map<String, Object> settings = new LinkedHashMap<>();
        byte[] user = f.bytes(2);
        if (user == null) {
            throw new IOException("a shadowsocks.ServerConfig without a user");
        }
        ProtoFields account = ProtoCommon.user(user, ShadowsocksAccounts.TYPE, settings, where);
        settings.put("method", ShadowsocksAccounts.method(account.varint(2)));
        settings.put("password", account.string(1));
        String network = ProtoCommon.networks(f.varints(3));
        if (network == null && f.bool(1)) {
            network = "tcp,udp";
        }
        if (network != null) {
            settings.put("network", network);
        }
        in.put("settings", settings);
    }

    /** socks.ServerConfig: auth_type = 1, accounts = 2 (map: key = 1, value = 2), address = 3, udp_enabled = 4, timeout = 5, user_level = 6. */
    private static void socks(ProtoFields f, Map<String, Object> in) throws IOException {
        in.put("protocol", "socks");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("auth", f.varint(1) == 1 ? "password" : "noauth");
        List<Object> accounts = accounts(f.repeated(2));
        if (!accounts.isEmpty()) {
            settings.put("accounts", accounts);
        }
        if (f.bool(4)) {
            settings.put("udp", true);
        }
        String ip = ProtoCommon.address(f.bytes(3));
        if (ip != null) {
            settings.put("ip", ip);
        }
        if (f.varint(6) != 0) {
            settings.put("userLevel", f.varint(6));
        }
        in.put("settings", settings);
    }

    /** http.ServerConfig: timeout = 1, accounts = 2 (map), allow_transparent = 3, user_level = 4. */
    private static void http(ProtoFields f, Map<String, Object> in) throws IOException {
        in.put("protocol", "http");
        Map<String, Object> settings = new LinkedHashMap<>();
        List<Object> accounts = accounts(f.repeated(2));
        if (!accounts.isEmpty()) {
            settings.put("accounts", accounts);
        }
        if (f.varint(1) != 0) {
            settings.put("timeout", f.varint(1));
        }
        if (f.bool(3)) {
            settings.put("allowTransparent", true);
        }
        if (f.varint(4) != 0) {
            settings.put("userLevel", f.varint(4));
        }
        in.put("settings", settings);
    }

    /** A map<string, string> of user name to password, as a config file's accounts. */
    private static List<Object> accounts(List<byte[]> entries) throws IOException {
        List<Object> out = new ArrayList<>();
        for (byte[] e : entries) {
            ProtoFields kv = ProtoFields.parse(e);
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("user", kv.string(1));
            account.put("pass", kv.string(2));
            out.add(account);
        }
        return out;
    }

    /**
     * dokodemo.Config: address = 1, port = 2, network_list = 3 (deprecated, network = 1), networks = 7, timeout = 4,
     * follow_redirect = 5, user_level = 6.
     */
    private static void dokodemo(ProtoFields f, Map<String, Object> in) throws IOException {
        in.put("protocol", "dokodemo-door");
        Map<String, Object> settings = new LinkedHashMap<>();
        String address = ProtoCommon.address(f.bytes(1));
        if (address != null) {
            settings.put("address", address);
        }
        if (f.varint(2) != 0) {
            settings.put("port", f.varint(2));
        }
        List<Long> networks = new ArrayList<>(f.varints(7));
        if (networks.isEmpty() && f.bytes(3) != null) {
            networks.addAll(ProtoFields.parse(f.bytes(3)).varints(1));
        }
        String network = ProtoCommon.networks(networks);
        if (network != null) {
            settings.put("network", network);
        }
        if (f.varint(4) != 0) {
            settings.put("timeout", f.varint(4));
        }
        if (f.bool(5)) {
            settings.put("followRedirect", true);
        }
        if (f.varint(6) != 0) {
            settings.put("userLevel", f.varint(6));
        }
        in.put("settings", settings);
    }
}
