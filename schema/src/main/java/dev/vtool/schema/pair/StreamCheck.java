package dev.vtool.schema.pair;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Transport agreement: network after alias folding, then the settings of that network. */
final class StreamCheck {
    private final PairContext ctx;

    StreamCheck(PairContext ctx) {
        this.ctx = ctx;
    }

    /** Checks the transport of one client target against the inbound; returns the network name. */
    String check(ClientTarget t, ServerInbound in) {
        String cs = t.streamSettings();
        String ss = in.streamSettings();
        String cn = Transport.network(ctx.client, cs);
        String sn = Transport.network(ctx.server, ss);
        if (!cn.equals(sn)) {
            ctx.onClient(PairRules.NETWORK, cs + "/network", List.of(ss + "/network"),
                    "client transport is " + cn + describeDefault(ctx.client, cs) + " but the server inbound on port "
                            + in.portText() + " uses " + sn + describeDefault(ctx.server, ss)
                            + " (" + ctx.whereInServer(ss + "/network") + "); the connection fails"
                            + symptom(cn, sn),
                    "use the same streamSettings.network on both sides (\"" + sn + "\")");
            return cn;
        }
        switch (cn) {
            case "tcp":
                tcpHeader(cs, ss);
                break;
            case "ws":
                ws(cs, ss);
                break;
            case "h2":
                h2(cs, ss);
                break;
            case "kcp":
                kcp(cs, ss);
                break;
            case "quic":
                quic(cs, ss);
                break;
            case "domainsocket":
                domainSocket(cs, ss);
                break;
            default:
                break;
        }
        return cn;
    }

    private static String describeDefault(ConfigDocument doc, String stream) {
        return doc.has(stream + "/network") ? "" : " (the default: no streamSettings.network)";
    }

    private static String symptom(String client, String server) {
        if (server.equals("tcp") && !client.equals("ws")) {
            return "; the server logs `invalid user`";
        }
        if (server.equals("tcp") && client.equals("ws")) {
            return "; the client logs `failed to dial to (ws://...) > i/o timeout`, the server `invalid user`";
        }
        return "";
    }

    private void tcpHeader(String cs, String ss) {
        String hc = cs + "/tcpSettings/header";
        String hs = ss + "/tcpSettings/header";
        String ct = Nodes.lower(ctx.client.at(hc + "/type"), "none");
        String st = Nodes.lower(ctx.server.at(hs + "/type"), "none");
        if (!ct.equals(st)) {
            ctx.onClient(PairRules.TCP_HEADER, hc + "/type", List.of(hs + "/type"),
                    "client tcp header type is \"" + ct + "\" but the server's is \"" + st + "\" ("
                            + ctx.whereInServer(hs + "/type") + ")",
                    "use the same tcpSettings.header on both sides");
            return;
        }
        if (ct.equals("http")) {
            List<String> clientPaths = pathsOrRoot(ctx.client.at(hc + "/request/path"));
            List<String> serverPaths = pathsOrRoot(ctx.server.at(hs + "/request/path"));
            List<String> missing = new ArrayList<>();
            for (String p : clientPaths) {
                if (!serverPaths.contains(p)) {
                    missing.add(p);
                }
            }
            if (!missing.isEmpty()) {
                ctx.onClient(PairRules.TCP_HEADER, hc + "/request/path", List.of(hs + "/request/path"),
                        "client tcp http header path " + missing + " is not among the server's " + serverPaths
                                + "; the server refuses requests for it (the client picks one path at random)",
                        "make the client's request.path a subset of the server's");
            }
        }
    }

    private static List<String> pathsOrRoot(JsonNode n) {
        List<String> p = Nodes.strings(n, false);
        return p.isEmpty() ? List.of("/") : p;
    }

    private void ws(String cs, String ss) {
        String wc = cs + "/wsSettings";
        String ws = ss + "/wsSettings";
        String cpPtr = pathPointer(ctx.client, wc);
        String spPtr = pathPointer(ctx.server, ws);
        String cp = Nodes.normalizedPath(Nodes.text(ctx.client.at(cpPtr)));
        String sp = Nodes.normalizedPath(Nodes.text(ctx.server.at(spPtr)));
        // The client sends its path as the request URI; the server compares only the path part of it.
        int query = cp.indexOf('?');
        String cpPath = query >= 0 ? cp.substring(0, query) : cp;
        if (!cpPath.equals(sp)) {
            ctx.onClient(PairRules.WS_PATH, cpPtr, List.of(spPtr),
                    "client WebSocket path is \"" + cp + "\" but the server's is \"" + sp + "\" ("
                            + ctx.whereInServer(spPtr) + "); the server answers 404 and the client logs "
                            + "`failed to dial WebSocket > ... 404 Not Found > websocket: bad handshake`",
                    "set wsSettings.path to \"" + sp + "\" in the client");
        }
        String chPtr = headerPointer(ctx.client, wc + "/headers", "host");
        String shPtr = headerPointer(ctx.server, ws + "/headers", "host");
        String ch = chPtr == null ? null : Nodes.text(ctx.client.at(chPtr));
        String sh = shPtr == null ? null : Nodes.text(ctx.server.at(shPtr));
        if (ch != null && sh != null && !ch.equalsIgnoreCase(sh)) {
            ctx.onClient(PairRules.WS_HOST, chPtr, List.of(shPtr),
                    "client WebSocket Host header is \"" + ch + "\" but the server config names \"" + sh
                            + "\"; V2Ray itself does not check it, a CDN or reverse proxy in front may",
                    "use the same Host on both sides");
        }
    }

    /** 4.34 reads "path" and the legacy "Path"; key case does not matter to Go's JSON decoder. */
    private static String pathPointer(ConfigDocument doc, String settings) {
        String p = headerPointer(doc, settings, "path");
        return p == null ? settings + "/path" : p;
    }

    /** Pointer of the member whose name equals {@code name} ignoring case, or null. */
    private static String headerPointer(ConfigDocument doc, String object, String name) {
        JsonNode o = doc.at(object);
        if (!o.isObject()) {
            return null;
        }
        for (String key : o.propertyNames()) {
            if (key.toLowerCase(Locale.ROOT).equals(name)) {
                return JsonPointers.child(object, key);
            }
        }
        return null;
    }

    private void h2(String cs, String ss) {
        String hc = cs + "/httpSettings";
        String hs = ss + "/httpSettings";
        List<String> clientHosts = hostsOrDefault(ctx.client.at(hc + "/host"));
        List<String> serverHosts = hostsOrDefault(ctx.server.at(hs + "/host"));
        List<String> missing = new ArrayList<>();
        for (String h : clientHosts) {
            if (!serverHosts.contains(h)) {
                missing.add(h);
            }
        }
        if (!missing.isEmpty()) {
            ctx.onClient(PairRules.H2_HOST, hc + "/host", List.of(hs + "/host"),
                    "client HTTP/2 host " + missing + " is not in the server's host list " + serverHosts
                            + " (" + ctx.whereInServer(hs + "/host") + "; both default to www.example.com); "
                            + "the server answers 404 and the client logs `transport/internet/http: unexpected status404`",
                    "list every client host in the server's httpSettings.host (or use the same list)");
        }
        String cp = Nodes.normalizedPath(Nodes.text(ctx.client.at(hc + "/path")));
        String sp = Nodes.normalizedPath(Nodes.text(ctx.server.at(hs + "/path")));
        // The h2 server accepts any request path that starts with its own.
        if (!cp.startsWith(sp)) {
            ctx.onClient(PairRules.H2_PATH, hc + "/path", List.of(hs + "/path"),
                    "client HTTP/2 path is \"" + cp + "\" but the server's is \"" + sp + "\" ("
                            + ctx.whereInServer(hs + "/path") + "); the server answers 404 (the client logs "
                            + "`unexpected status404`)",
                    "set httpSettings.path to \"" + sp + "\" in the client");
        }
    }

    private static List<String> hostsOrDefault(JsonNode n) {
        // The server compares the Host exactly (no case folding).
        List<String> h = Nodes.strings(n, false);
        return h.isEmpty() ? List.of("www.example.com") : h;
    }

    private void kcp(String cs, String ss) {
        String kc = cs + "/kcpSettings";
        String ks = ss + "/kcpSettings";
        String ct = Nodes.lower(ctx.client.at(kc + "/header/type"), "none");
        String st = Nodes.lower(ctx.server.at(ks + "/header/type"), "none");
        if (!ct.equals(st)) {
            ctx.onClient(PairRules.KCP, kc + "/header/type", List.of(ks + "/header/type"),
                    "client mKCP header type is \"" + ct + "\" but the server's is \"" + st + "\" ("
                            + ctx.whereInServer(ks + "/header/type") + "); the server discards the packets",
                    "use the same kcpSettings.header.type on both sides");
        }
        // any present seed, even "", switches 4.34 to AES-GCM: absent and "" differ
        String cseed = ctx.client.at(kc + "/seed").isString() ? ctx.client.at(kc + "/seed").asString() : null;
        String sseed = ctx.server.at(ks + "/seed").isString() ? ctx.server.at(ks + "/seed").asString() : null;
        if (!java.util.Objects.equals(cseed, sseed)) {
            String what = cseed == null ? "the client has no mKCP seed but the server sets one"
                    : sseed == null ? "the client sets an mKCP seed but the server has none"
                    : "client and server mKCP seeds differ";
            ctx.onClient(PairRules.KCP, kc + "/seed", List.of(ks + "/seed"),
                    what + " (" + ctx.whereInServer(ks + "/seed")
                            + "); the server discards every packet (a present seed, even \"\", means AES-GCM)",
                    "copy kcpSettings.seed from the server into the client");
        }
    }

    private void quic(String cs, String ss) {
        String qc = cs + "/quicSettings";
        String qs = ss + "/quicSettings";
        String csec = Transport.quicSecurity(ctx.client, qc);
        String ssec = Transport.quicSecurity(ctx.server, qs);
        if (!csec.equals(ssec)) {
            ctx.onClient(PairRules.QUIC, qc + "/security", List.of(qs + "/security"),
                    "client QUIC security is \"" + csec + "\" but the server's is \"" + ssec + "\" ("
                            + ctx.whereInServer(qs + "/security") + ")",
                    "use the same quicSettings.security on both sides");
        } else if (!csec.equals("none")
                && !Nodes.text(ctx.client.at(qc + "/key"), "").equals(Nodes.text(ctx.server.at(qs + "/key"), ""))) {
            ctx.onClient(PairRules.QUIC, qc + "/key", List.of(qs + "/key"),
                    "client and server QUIC keys differ (" + ctx.whereInServer(qs + "/key") + ")",
                    "copy quicSettings.key from the server into the client");
        }
        String ct = Nodes.lower(ctx.client.at(qc + "/header/type"), "none");
        String st = Nodes.lower(ctx.server.at(qs + "/header/type"), "none");
        if (!ct.equals(st)) {
            ctx.onClient(PairRules.QUIC, qc + "/header/type", List.of(qs + "/header/type"),
                    "client QUIC header type is \"" + ct + "\" but the server's is \"" + st + "\" ("
                            + ctx.whereInServer(qs + "/header/type") + ")",
                    "use the same quicSettings.header.type on both sides");
        }
    }

    private void domainSocket(String cs, String ss) {
        String dc = cs + "/dsSettings";
        String ds = ss + "/dsSettings";
        String cp = Nodes.text(ctx.client.at(dc + "/path"), "");
        String sp = Nodes.text(ctx.server.at(ds + "/path"), "");
        boolean ca = Nodes.bool(ctx.client.at(dc + "/abstract"));
        boolean sa = Nodes.bool(ctx.server.at(ds + "/abstract"));
        if (!cp.equals(sp) || ca != sa) {
            ctx.onClient(PairRules.DOMAIN_SOCKET, dc + "/path", List.of(ds + "/path"),
                    "client domain socket " + (ca ? "@" : "") + cp + " is not the server's " + (sa ? "@" : "")
                            + sp + " (" + ctx.whereInServer(ds + "/path") + ")",
                    "use the same dsSettings.path and abstract on both sides");
        }
    }
}
