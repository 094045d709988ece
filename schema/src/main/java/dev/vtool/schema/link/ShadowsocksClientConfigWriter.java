package dev.vtool.schema.link;

import java.util.List;

/** A commented client config for the server an {@code ss://} link names: local SOCKS/HTTP proxies and the shadowsocks outbound. */
public final class ShadowsocksClientConfigWriter {
    private ShadowsocksClientConfigWriter() {
    }

    /** @param httpPort 0 for no local HTTP proxy */
    public static String write(ShadowsocksLink link, int socksPort, int httpPort) {
        CommentedJson server = new CommentedJson()
                .put("address", link.host(), "The server's address (domain or IP).")
                .put("port", link.port(), "The server inbound's port.")
                .put("method", link.method().canonical(), "Must be the server's method (4.34: AEAD ciphers or none).")
                .put("password", link.password(), "Must be the server's password.");
        CommentedJson proxy = new CommentedJson()
                .put("tag", "proxy")
                .put("protocol", "shadowsocks", "The first outbound is the default route: everything goes to the server.")
                .put("settings", new CommentedJson().put("servers", List.of(server)));
        return ClientConfigWriter.document(link.name(), ClientConfigWriter.localInbounds(socksPort, httpPort), proxy);
    }
}
