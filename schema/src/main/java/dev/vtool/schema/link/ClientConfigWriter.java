package dev.vtool.schema.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a commented client config for one VMess server described by a share link: local SOCKS (and
 * optionally HTTP) proxy on 127.0.0.1 with sniffing, the VMess outbound, and a direct outbound.
 */
public final class ClientConfigWriter {
    private ClientConfigWriter() {
    }

    /** @param httpPort 0 for no local HTTP proxy */
    public static String write(VmessLink link, int socksPort, int httpPort) {
        CommentedJson user = new CommentedJson()
                .put("id", link.id(), "Must be the same UUID as in the server's clients.")
                .put("alterId", Integer.parseInt(link.aid()), "0 selects the AEAD header (recommended); > 0 the legacy one.")
                .put("security", link.scy(), "Body encryption; auto picks AES-128-GCM or ChaCha20-Poly1305.");
        CommentedJson vnext = new CommentedJson()
                .put("address", link.add(), "The server's address (domain or IP).")
                .put("port", Integer.parseInt(link.port()), "The server inbound's port.")
                .put("users", List.of(user));
        CommentedJson proxy = new CommentedJson()
                .put("tag", "proxy")
                .put("protocol", "vmess", "The first outbound is the default route: everything goes to the server.")
                .put("settings", new CommentedJson().put("vnext", List.of(vnext)))
                .put("streamSettings", stream(link), "Transport: must match the server inbound's streamSettings.");
        return document(link.ps(), localInbounds(socksPort, httpPort), proxy);
    }

    /** The local SOCKS (with UDP) and, when {@code httpPort} > 0, HTTP proxies on 127.0.0.1. */
    static List<Object> localInbounds(int socksPort, int httpPort) {
        List<Object> inbounds = new ArrayList<>();
        inbounds.add(new CommentedJson()
                .put("tag", "socks-in")
                .put("listen", "127.0.0.1", "Only this machine may use the proxy (0.0.0.0 would open it to the network).")
                .put("port", socksPort, "Point the browser's SOCKS5 proxy here.")
                .put("protocol", "socks")
                .put("sniffing", sniffing(), "Read the domain name from HTTP/TLS traffic, so routing and DNS use names, not IPs.")
                .put("settings", new CommentedJson().put("auth", "noauth").put("udp", true),
                        "No password is needed on a loopback-only proxy; udp lets SOCKS5 UDP through."));
        if (httpPort > 0) {
            inbounds.add(new CommentedJson()
                    .put("tag", "http-in")
                    .put("listen", "127.0.0.1")
                    .put("port", httpPort, "HTTP proxy for programs without SOCKS support.")
                    .put("protocol", "http")
                    .put("sniffing", sniffing())
                    .put("settings", new CommentedJson()));
        }
        return inbounds;
    }

    /** The whole client config: log, the local inbounds, {@code proxy} first (the default route), then direct. */
    static String document(String name, List<Object> inbounds, CommentedJson proxy) {
        CommentedJson direct = new CommentedJson()
                .put("tag", "direct")
                .put("protocol", "freedom", "Direct connections, for routing rules that bypass the proxy.")
                .put("settings", new CommentedJson());
        CommentedJson root = new CommentedJson()
                .put("log", new CommentedJson().put("loglevel", "warning"),
                        (name.isEmpty() ? "" : "Client config for " + name + ".\n")
                                + "Log warnings and errors only (use \"debug\" to troubleshoot).")
                .put("inbounds", inbounds, "Local proxies the applications talk to.")
                .put("outbounds", List.of(proxy, direct), "Where traffic leaves this V2Ray.");
        return root.render();
    }

    private static CommentedJson sniffing() {
        return new CommentedJson().put("enabled", true).put("destOverride", List.of("http", "tls"));
    }

    /** streamSettings for the link's transport (§7 field meanings). */
    static CommentedJson stream(VmessLink link) {
        String net = link.net().toLowerCase(Locale.ROOT);
        CommentedJson s = new CommentedJson().put("network", net);
        List<String> hosts = splitComma(link.host());
        switch (net) {
            case "ws": {
                CommentedJson ws = new CommentedJson().put("path", link.path().isEmpty() ? "/" : link.path(),
                        "Must equal the server's wsSettings.path.");
                if (!link.host().isEmpty()) {
                    ws.put("headers", new CommentedJson().put("Host", link.host()));
                }
                s.put("wsSettings", ws);
                break;
            }
            case "h2": {
                CommentedJson h2 = new CommentedJson();
                if (!hosts.isEmpty()) {
                    h2.put("host", hosts, "Each must be in the server's httpSettings.host list.");
                }
                h2.put("path", link.path().isEmpty() ? "/" : link.path());
                s.put("httpSettings", h2);
                break;
            }
            case "kcp": {
                CommentedJson kcp = new CommentedJson().put("header", new CommentedJson().put("type", link.type()));
                if (!link.path().isEmpty()) {
                    kcp.put("seed", link.path(), "Obfuscation seed: must equal the server's.");
                }
                s.put("kcpSettings", kcp);
                break;
            }
            case "quic":
                s.put("quicSettings", new CommentedJson()
                        .put("security", link.host().isEmpty() ? "none" : link.host())
                        .put("key", link.path())
                        .put("header", new CommentedJson().put("type", link.type())));
                break;
            default:
                if (link.type().equalsIgnoreCase("http")) {
                    CommentedJson request = new CommentedJson()
                            .put("path", splitComma(link.path().isEmpty() ? "/" : link.path()));
                    if (!hosts.isEmpty()) {
                        request.put("headers", new CommentedJson().put("Host", hosts));
                    }
                    s.put("tcpSettings", new CommentedJson().put("header",
                            new CommentedJson().put("type", "http").put("request", request)));
                }
                break;
        }
        if (link.usesTls()) {
            s.put("security", "tls", "TLS between client and server.");
            CommentedJson tls = new CommentedJson();
            String name = !link.sni().isEmpty() ? link.sni()
                    : (net.equals("ws") || net.equals("h2")) && !hosts.isEmpty() ? hosts.get(0) : "";
            if (!name.isEmpty()) {
                tls.put("serverName", name, "The name the server certificate must carry (SNI).");
            }
            if (!link.alpn().isEmpty()) {
                tls.put("alpn", splitComma(link.alpn()));
            }
            s.put("tlsSettings", tls);
        }
        return s;
    }

    static List<String> splitComma(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }
}
