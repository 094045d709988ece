package dev.vtool.schema.pair;

import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksConfig;
import dev.vtool.schema.vmess.V2rayUuid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Credentials of VLESS, Trojan, Shadowsocks, SOCKS and HTTP clients against the server inbound. */
final class OtherProtocolCheck {
    private final PairContext ctx;

    OtherProtocolCheck(PairContext ctx) {
        this.ctx = ctx;
    }

    /** Returns a short detail for the summary line. */
    String check(ClientTarget t, ServerInbound in) {
        switch (t.protocol()) {
            case "vless":
                return vless(t, in);
            case "trojan":
                return trojan(t, in);
            case "shadowsocks":
                return shadowsocks(t, in);
            case "socks":
            case "http":
                return proxyAuth(t, in);
            default:
                return "";
        }
    }

    private String vless(ClientTarget t, ServerInbound in) {
        String clientsPtr = in.settings() + "/clients";
        JsonNode clients = ctx.server.at(clientsPtr);
        List<String> idPtrs = new ArrayList<>();
        for (int c = 0; clients.isArray() && c < clients.size(); c++) {
            idPtrs.add(JsonPointers.child(clientsPtr, c) + "/id");
        }
        List<String> related = idPtrs.isEmpty() ? List.of(clientsPtr) : idPtrs;
        String decPtr = in.settings() + "/decryption";
        boolean serverNone = "none".equals(Nodes.text(ctx.server.at(decPtr)));
        JsonNode users = ctx.client.at(t.entry() + "/users");
        for (int u = 0; users.isArray() && u < users.size(); u++) {
            String user = JsonPointers.child(t.entry() + "/users", u);
            String encPtr = user + "/encryption";
            if (!"none".equals(Nodes.text(ctx.client.at(encPtr))) || !serverNone) {
                ctx.onClient(PairRules.VLESS_ENCRYPTION, encPtr, List.of(decPtr),
                        "VLESS in 4.34 needs encryption \"none\" on the client and decryption \"none\" on the server "
                                + "(exactly, lower case)",
                        "set \"encryption\": \"none\" in the client user and \"decryption\": \"none\" in the server settings");
            }
            byte[] id = V2rayUuid.bytesOrNull(Nodes.text(ctx.client.at(user + "/id"), ""));
            boolean found = false;
            for (String p : idPtrs) {
                byte[] s = V2rayUuid.bytesOrNull(Nodes.text(ctx.server.at(p), ""));
                if (!found && id != null && s != null && Arrays.equals(id, s)) {
                    found = true;
                    flow(user, p.substring(0, p.length() - "/id".length()));
                }
            }
            if (!found) {
                ctx.onClient(PairRules.VLESS_ID, user + "/id", related,
                        "the client's VLESS id is not one of the server's " + idPtrs.size()
                                + " client ids (port " + in.portText() + "); the server logs `invalid request user id`",
                        "use an id from the server's clients (" + ctx.whereInServer(related.get(0)) + ")");
            }
        }
        return "";
    }

    /**
     * 4.34 accepts any flow and ignores it on the wire, so a mismatch works with 4.34 on both sides; it is
     * worth a warning because an XTLS flow means the pair was meant for Xray, where it does not connect.
     */
    private void flow(String user, String serverClient) {
        String cf = Nodes.text(ctx.client.at(user + "/flow"), "");
        String sf = Nodes.text(ctx.server.at(serverClient + "/flow"), "");
        if (!cf.equals(sf) || cf.startsWith("xtls")) {
            ctx.onClient(PairRules.VLESS_FLOW, ctx.client.has(user + "/flow") ? user + "/flow" : user,
                    List.of(ctx.server.has(serverClient + "/flow") ? serverClient + "/flow" : serverClient),
                    (cf.equals(sf) ? "both sides ask for flow \"" + cf + "\"" : "the client's flow \"" + cf
                            + "\" differs from the server's \"" + sf + "\"")
                            + "; V2Ray 4.34 has no XTLS and ignores flow, so this works between 4.34 peers but an Xray "
                            + "peer would refuse it",
                    "remove \"flow\" on both sides for V2Ray 4.34 (or use the same flow on Xray on both sides)");
        }
    }

    private String trojan(ClientTarget t, ServerInbound in) {
        String clientsPtr = in.settings() + "/clients";
        JsonNode clients = ctx.server.at(clientsPtr);
        List<String> pwPtrs = new ArrayList<>();
        List<String> passwords = new ArrayList<>();
        for (int c = 0; clients.isArray() && c < clients.size(); c++) {
            String p = JsonPointers.child(clientsPtr, c) + "/password";
            pwPtrs.add(p);
            passwords.add(Nodes.text(ctx.server.at(p), ""));
        }
        String pwPtr = t.entry() + "/password";
        if (!passwords.contains(Nodes.text(ctx.client.at(pwPtr), ""))) {
            ctx.onClient(PairRules.TROJAN_PASSWORD, pwPtr, pwPtrs.isEmpty() ? List.of(clientsPtr) : pwPtrs,
                    "the client's Trojan password is not one of the server's " + passwords.size()
                            + " client passwords (compared exactly, case-sensitive); the server logs "
                            + "`invalid protocol or invalid user` (or hands the connection to its fallback)",
                    "copy the password from the server's clients (" + ctx.whereInServer(clientsPtr) + ")");
        }
        return "";
    }

    private String shadowsocks(ClientTarget t, ServerInbound in) {
        String cm = t.entry() + "/method";
        String sm = in.settings() + "/method";
        String clientMethod = cipher(Nodes.text(ctx.client.at(cm), ""));
        String serverMethod = cipher(Nodes.text(ctx.server.at(sm), ""));
        if (!clientMethod.equals(serverMethod)) {
            ctx.onClient(PairRules.SS_METHOD, cm, List.of(sm),
                    "client Shadowsocks method \"" + clientMethod + "\" differs from the server's \"" + serverMethod
                            + "\" (" + ctx.whereInServer(sm) + "); the server cannot decrypt and logs "
                            + "`failed to read address > cipher: message authentication failed`",
                    "use method \"" + serverMethod + "\" in the client");
        }
        String cp = t.entry() + "/password";
        String sp = in.settings() + "/password";
        if (!Nodes.text(ctx.client.at(cp), "").equals(Nodes.text(ctx.server.at(sp), ""))) {
            ctx.onClient(PairRules.SS_PASSWORD, cp, List.of(sp),
                    "client and server Shadowsocks passwords differ (" + ctx.whereInServer(sp)
                            + "); the server logs `failed to read address > cipher: message authentication failed`",
                    "copy the password from the server");
        }
        String udpIn = udpInbound();
        if (udpIn != null && !ShadowsocksConfig.servesUdp(new ConfigNode(ctx.server, in.settings(),
                ctx.server.at(in.settings())))) {
            ctx.onClient(PairRules.SS_UDP, t.entry(), List.of(in.settings()),
                    "the client takes UDP (" + ctx.whereInClient(udpIn) + ") and can send it through this Shadowsocks"
                            + " server, but the server inbound (" + ctx.whereInServer(in.settings()) + ") serves TCP only,"
                            + " 4.34's default: UDP such as DNS or QUIC is lost without an error",
                    "add \"udp\": true (or \"network\": \"tcp,udp\") to the server's shadowsocks settings");
        }
        return serverMethod;
    }

    /** The client inbound that takes UDP (socks with udp, dokodemo-door with udp), or null. */
    private String udpInbound() {
        JsonNode inbounds = ctx.client.at("/inbounds");
        for (int i = 0; inbounds.isArray() && i < inbounds.size(); i++) {
            String ptr = JsonPointers.child("/inbounds", i);
            String protocol = Nodes.text(ctx.client.at(ptr + "/protocol"), "").toLowerCase(Locale.ROOT);
            JsonNode settings = ctx.client.at(ptr + "/settings");
            boolean udp = switch (protocol) {
                case "socks" -> settings.path("udp").asBoolean(false);
                case "dokodemo-door", "dokodemo" -> Nodes.text(settings.path("network"), "").toLowerCase(Locale.ROOT)
                        .contains("udp") || settings.path("network").toString().toLowerCase(Locale.ROOT).contains("\"udp\"");
                default -> false;
            };
            if (udp) {
                return ptr;
            }
        }
        return null;
    }

    /** 4.34's cipher names with aliases folded (case-insensitive). */
    static String cipher(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        switch (m) {
            case "aead_aes_128_gcm":
                return "aes-128-gcm";
            case "aead_aes_256_gcm":
                return "aes-256-gcm";
            case "aead_chacha20_poly1305":
            case "chacha20-ietf-poly1305":
                return "chacha20-poly1305";
            case "plain":
                return "none";
            default:
                return m;
        }
    }

    private String proxyAuth(ClientTarget t, ServerInbound in) {
        String usersPtr = t.entry() + "/users";
        JsonNode users = ctx.client.at(usersPtr);
        String accountsPtr = in.settings() + "/accounts";
        JsonNode accounts = ctx.server.at(accountsPtr);
        boolean socks = t.protocol().equals("socks");
        String authPtr = in.settings() + "/auth";
        // socks: only the exact string "password" enables auth; http: any account enables it.
        boolean serverAuth = socks ? "password".equals(Nodes.text(ctx.server.at(authPtr)))
                : accounts.isArray() && !accounts.isEmpty();
        boolean clientAuth = users.isArray() && !users.isEmpty();
        String serverAuthPtr = socks ? authPtr : accountsPtr;
        if (serverAuth && !clientAuth) {
            ctx.onClient(PairRules.PROXY_AUTH, usersPtr, List.of(serverAuthPtr),
                    "the server " + t.protocol() + " inbound on port " + in.portText() + " requires a user name and "
                            + "password but the client sends none; the server logs "
                            + (socks ? "`no matching auth method`" : "nothing and the client `Proxy responded with non 200 code: 407`"),
                    "add users [{\"user\": ..., \"pass\": ...}] from the server's accounts to the client");
            return "";
        }
        if (!serverAuth && clientAuth && socks) {
            String why = accounts.isArray() && !accounts.isEmpty()
                    ? " (it lists accounts, but auth is " + (ctx.server.has(authPtr) ? "\""
                    + Nodes.text(ctx.server.at(authPtr), "?") + "\"" : "absent") + ", not exactly \"password\")"
                    : "";
            ctx.onClient(PairRules.PROXY_AUTH, usersPtr, List.of(ctx.server.has(authPtr) ? authPtr : in.settings()),
                    "the client offers only user/password authentication but the server socks inbound does not "
                            + "use it" + why + "; the server answers `no matching auth method`",
                    "set \"auth\": \"password\" with matching accounts on the server, or remove users from the client");
            return "";
        }
        if (!serverAuth) {
            return "";
        }
        for (int u = 0; u < users.size(); u++) {
            String user = JsonPointers.child(usersPtr, u);
            String name = Nodes.text(ctx.client.at(user + "/user"), "");
            String pass = Nodes.text(ctx.client.at(user + "/pass"), "");
            boolean found = false;
            for (int a = 0; accounts.isArray() && a < accounts.size(); a++) {
                String acc = JsonPointers.child(accountsPtr, a);
                found |= name.equals(Nodes.text(ctx.server.at(acc + "/user"), ""))
                        && pass.equals(Nodes.text(ctx.server.at(acc + "/pass"), ""));
            }
            if (!found) {
                ctx.onClient(PairRules.PROXY_AUTH, user, List.of(accountsPtr),
                        "the client's " + t.protocol() + " user \"" + name + "\" (with its password) is not one of the "
                                + "server's accounts; the server logs "
                                + (socks ? "`invalid username or password` and the client `server rejects account: 255`"
                                : "nothing and the client `Proxy responded with non 200 code: 407`"),
                        "copy user and pass from the server's accounts (" + ctx.whereInServer(accountsPtr) + ")");
            }
        }
        return "";
    }
}
