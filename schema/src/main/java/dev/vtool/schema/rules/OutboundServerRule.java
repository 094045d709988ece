package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import tools.jackson.databind.JsonNode;

/**
 * Proxy outbounds without a server, a server address, users or a password, with V2Ray's own
 * message for each protocol.
 */
public final class OutboundServerRule extends SimpleRule {
    public OutboundServerRule() {
        super("outbound-without-server", Severity.ERROR,
                "A vmess/vless/trojan/shadowsocks/socks/http outbound lacks its server, address, users or password.");
    }

    /** V2Ray's messages for: no server, no address, no users (null = not required), no password (null = n/a). */
    private record Words(String listKey, String noServer, String noAddress, String noUsers, String noPassword) {
    }

    private static Words words(String protocol) {
        return switch (protocol) {
            case "vmess" -> new Words("vnext", "0 VMess receiver configured", "address is not set in VMess outbound config",
                    "0 user configured for VMess outbound", null);
            case "vless" -> new Words("vnext", "VLESS settings: \"vnext\" is empty", "VLESS vnext: \"address\" is not set",
                    "VLESS vnext: \"users\" is empty", null);
            case "trojan" -> new Words("servers", "0 Trojan server configured.", "Trojan server address is not set.",
                    null, "Trojan password is not specified.");
            case "shadowsocks" -> new Words("servers", "0 Shadowsocks server configured.",
                    "Shadowsocks server address is not set.", null, "Shadowsocks password is not specified.");
            case "socks", "http" -> new Words("servers", "0 target server",
                    "panic: runtime error: invalid memory address or nil pointer dereference", null, null);
            default -> null;
        };
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.outbounds(doc)) {
            Words w = p.protocol() == null ? null : words(p.protocol());
            if (w == null) {
                continue;
            }
            JsonNode list = Keys.get(p.settings(), w.listKey());
            String otherKey = w.listKey().equals("vnext") ? "servers" : "vnext";
            if (!Keys.present(list) && Keys.present(Keys.get(p.settings(), otherKey))) {
                ctx.reportKey(Keys.ptr(p.settingsPtr(), p.settings(), otherKey), p.protocol() + " lists its servers under \""
                                + w.listKey() + "\", not \"" + otherKey + "\", so V2Ray sees none and fails with \"" + w.noServer() + "\"",
                        "rename \"" + otherKey + "\" to \"" + w.listKey() + "\"");
                continue;
            }
            if (!list.isArray() || list.isEmpty()) {
                ctx.report(Keys.present(list) ? Keys.ptr(p.settingsPtr(), p.settings(), w.listKey())
                                : Keys.present(p.settings()) ? p.settingsPtr() : p.ptr("protocol"),
                        "this " + p.protocol() + " outbound has no server in \"" + w.listKey() + "\"; V2Ray fails with \""
                                + w.noServer() + "\"",
                        "add \"settings\": {\"" + w.listKey() + "\": [{\"address\": ..., \"port\": ...}]} naming your server");
                continue;
            }
            p.forEachServer((ptr, server) -> {
                if (w.noUsers() != null) {
                    JsonNode users = Keys.get(server, "users");
                    if (!users.isArray() || users.isEmpty()) {
                        ctx.report(Keys.present(users) ? Keys.ptr(ptr, server, "users") : ptr,
                                "this server has no users; V2Ray fails with \"" + w.noUsers() + "\"",
                                "add \"users\": [{\"id\": \"<the server's client UUID>\"" + (p.is("vmess") ? ", \"alterId\": 0" : ", \"encryption\": \"none\"") + "}]");
                    }
                }
                if (!Keys.present(Keys.get(server, "address"))) {
                    boolean crash = p.is("socks") || p.is("http");
                    ctx.report(ptr, "this server has no \"address\"; V2Ray " + (crash ? "crashes (" : "fails with \"")
                                    + w.noAddress() + (crash ? ")" : "\""),
                            "add \"address\": your server's IP address or domain name");
                }
                if (w.noPassword() != null) {
                    String password = Keys.text(server, "password");
                    if (password == null || password.isEmpty()) {
                        ctx.report(ptr, "this server has no \"password\"; V2Ray fails with \"" + w.noPassword() + "\"",
                                "add \"password\": the same password as on the server");
                    }
                }
            });
        }
    }
}
