package dev.vtool.schema.pair;

import dev.vtool.schema.json.JsonPointers;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A client whose transport differs from the Trojan/VLESS inbound it reaches is not that inbound's protocol
 * to the server: its first bytes go to a fallback. The usual deployment means exactly that (a VLESS+TLS
 * inbound on 443 whose fallback path {@code /ws} leads to a VLESS+ws inbound on a local port). This finds
 * the fallback the client's request would take (by its WebSocket path, as 4.34 matches it) and the server
 * inbound behind that fallback's {@code dest}; when there is none, the fallback swallows the client.
 */
final class FallbackFollow {
    private final PairContext ctx;

    FallbackFollow(PairContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The inbound the client really talks to through a fallback of {@code in}, {@code in} itself when no
     * fallback is involved, or null when the client is swallowed by a fallback (reported here).
     */
    ServerInbound follow(ClientTarget t, ServerInbound in, List<ServerInbound> inbounds) {
        String fallbacks = in.settings() + "/fallbacks";
        JsonNode list = ctx.server.at(fallbacks);
        boolean fallbackProtocol = in.protocol().equals("vless") || in.protocol().equals("trojan");
        String cn = Transport.network(ctx.client, t.streamSettings());
        String sn = Transport.network(ctx.server, in.streamSettings());
        if (!fallbackProtocol || !list.isArray() || list.isEmpty() || cn.equals(sn) || !sn.equals("tcp")) {
            return in;
        }
        String path = cn.equals("ws") ? Nodes.normalizedPath(Nodes.text(ctx.client.at(t.streamSettings() + "/wsSettings/path"))) : "";
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        String chosen = null;
        String fallbackDefault = null;
        for (int i = 0; i < list.size(); i++) {
            JsonNode fb = list.get(i);
            String p = Nodes.text(fb.path("path"), "");
            String ptr = JsonPointers.child(fallbacks, i);
            if (!p.isEmpty() && p.equals(path)) {
                chosen = ptr;
            } else if (p.isEmpty() && fallbackDefault == null) {
                fallbackDefault = ptr;
            }
        }
        String taken = chosen != null ? chosen : fallbackDefault;
        ServerInbound behind = taken == null ? null : behind(ctx.server.at(taken).path("dest"), inbounds);
        if (behind != null && behind != in && behind.protocol().equals(t.protocol())) {
            return behind;
        }
        String what = cn + (path.isEmpty() ? "" : " request for " + path);
        ctx.onClient(PairRules.FALLBACK_SWALLOW, t.streamSettings() + "/network", List.of(taken == null ? fallbacks : taken),
                "the client speaks " + in.protocol() + " over " + what + ", but the server inbound on port " + in.portText()
                        + " takes " + in.protocol() + " over tcp: the client's bytes are not " + in.protocol() + " to it and go to "
                        + (taken == null ? "no fallback (closed)" : "the fallback " + ctx.whereInServer(taken)
                        + ", which leads to no " + t.protocol() + " inbound of the server") + "; the fallback swallows the client",
                cn.equals("ws") ? "add a fallback {\"path\": \"" + (path.isEmpty() ? "/" : path) + "\", \"dest\": PORT} leading to a "
                        + t.protocol() + " ws inbound, or use the path of an existing one" : "use the server inbound's transport (tcp)");
        return null;
    }

    /** The server inbound a fallback {@code dest} (port, 127.0.0.1:port, localhost:port or a unix path) reaches. */
    private ServerInbound behind(JsonNode dest, List<ServerInbound> inbounds) {
        String d = dest.isIntegralNumber() ? dest.asString() : Nodes.text(dest, "");
        int port = -1;
        String host = "127.0.0.1";
        if (d.matches("\\d+")) {
            port = Integer.parseInt(d);
        } else if (d.matches("(127\\.0\\.0\\.1|localhost|\\[::1]|0\\.0\\.0\\.0):\\d+")) {
            port = Integer.parseInt(d.substring(d.lastIndexOf(':') + 1));
            host = d.substring(0, d.lastIndexOf(':'));
        }
        for (ServerInbound s : inbounds) {
            if (port >= 0 ? s.hasPort(port) && (s.listensEverywhere() || s.listen().equals(host) || host.equals("localhost"))
                    : !d.isEmpty() && s.listen().equals(d)) {
                return s;
            }
        }
        return null;
    }
}
