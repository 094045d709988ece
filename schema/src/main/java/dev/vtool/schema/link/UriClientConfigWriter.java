package dev.vtool.schema.link;

import java.util.List;

/**
 * A commented client config for the server a {@code trojan://} or {@code vless://} link names: local
 * SOCKS/HTTP proxies and the trojan or vless outbound with the link's transport.
 */
public final class UriClientConfigWriter {
    private UriClientConfigWriter() {
    }

    /** @param httpPort 0 for no local HTTP proxy */
    public static String write(UriShareLink link, int socksPort, int httpPort) {
        CommentedJson settings;
        if (link.scheme().equals("trojan")) {
            CommentedJson server = new CommentedJson()
                    .put("address", link.host(), "The server's address (domain or IP).")
                    .put("port", link.port(), "The server inbound's port.")
                    .put("password", link.secret(), "Must be one of the server's client passwords.");
            settings = new CommentedJson().put("servers", List.of(server));
        } else {
            CommentedJson user = new CommentedJson()
                    .put("id", link.secret(), "Must be the same UUID as in the server's clients.")
                    .put("encryption", "none", "V2Ray 4.34's VLESS has no encryption of its own: use TLS.");
            if (!link.param("flow").isEmpty()) {
                user.put("flow", link.param("flow"), "4.34 accepts any flow and ignores it (it has no XTLS).");
            }
            CommentedJson vnext = new CommentedJson()
                    .put("address", link.host(), "The server's address (domain or IP).")
                    .put("port", link.port(), "The server inbound's port.")
                    .put("users", List.of(user));
            settings = new CommentedJson().put("vnext", List.of(vnext));
        }
        // the stream settings are the same shape as a vmess link's: reuse that writer
        VmessLink stream = new VmessLink(link.name(), link.host(), Integer.toString(link.port()), "", "0", "", link.network(),
                "none", link.param("host"), link.param("path"), link.tls() ? "tls" : "", link.param("sni"), link.param("alpn"));
        CommentedJson streamSettings = ClientConfigWriter.stream(stream);
        if (link.tls() && (link.param("allowInsecure").equals("1") || link.param("allowInsecure").equalsIgnoreCase("true"))) {
            streamSettings = streamSettings.put("tlsSettings", tlsWithInsecure(stream));
        }
        CommentedJson proxy = new CommentedJson()
                .put("tag", "proxy")
                .put("protocol", link.scheme(), "The first outbound is the default route: everything goes to the server.")
                .put("settings", settings)
                .put("streamSettings", streamSettings, "Transport: must match the server inbound's streamSettings.");
        return ClientConfigWriter.document(link.name(), ClientConfigWriter.localInbounds(socksPort, httpPort), proxy);
    }

    private static CommentedJson tlsWithInsecure(VmessLink stream) {
        CommentedJson tls = new CommentedJson();
        if (!stream.sni().isEmpty()) {
            tls.put("serverName", stream.sni(), "The name the server certificate must carry (SNI).");
        }
        if (!stream.alpn().isEmpty()) {
            tls.put("alpn", ClientConfigWriter.splitComma(stream.alpn()));
        }
        return tls.put("allowInsecure", true, "The link said so: the server's certificate is not checked (anyone in between can read the traffic).");
    }
}
