package dev.vtool.cli.init;

import dev.vtool.schema.link.ClientConfigWriter;
import dev.vtool.schema.link.CommentedJson;
import dev.vtool.schema.link.VmessLink;
import java.util.List;

/** The two configs (and the share link) `vtool init` writes from complete answers and a fresh id. */
public record InitConfigs(VmessLink link, String client, String server) {

    public static InitConfigs of(InitAnswers a, String id) {
        String net = a.transport.startsWith("ws") ? "ws" : a.transport.startsWith("h2") ? "h2" : "tcp";
        String name = a.tls() ? a.domain : "";
        VmessLink link = new VmessLink(a.tls() ? a.domain : a.serverAddress, a.serverAddress,
                Integer.toString(a.port), id, "0", "auto", net, "none", name, a.usesPath() ? a.wsPath : "",
                a.tls() ? "tls" : "", name, "");
        String client = ClientConfigWriter.write(link, a.socksPort, a.httpPort);
        return new InitConfigs(link, client, server(a, id, net));
    }

    private static String server(InitAnswers a, String id, String net) {
        CommentedJson stream = new CommentedJson().put("network", net, "Transport: the client's must be the same.");
        if (net.equals("ws")) {
            stream.put("wsSettings", new CommentedJson().put("path", a.wsPath,
                    "Only requests for this path are accepted; keep it unguessable."));
        } else if (net.equals("h2")) {
            stream.put("httpSettings", new CommentedJson()
                    .put("host", List.of(a.domain), "Requests for other Host names are refused.")
                    .put("path", a.wsPath));
        }
        if (a.tls()) {
            stream.put("security", "tls")
                    .put("tlsSettings", new CommentedJson()
                            .put("serverName", a.domain)
                            .put("certificates", List.of(new CommentedJson()
                                    .put("certificateFile", a.cert, "Certificate chain for " + a.domain + " (PEM).")
                                    .put("keyFile", a.key, "Its private key (PEM); keep it readable by V2Ray only."))));
        }
        CommentedJson inbound = new CommentedJson()
                .put("tag", "vmess-in")
                .put("port", a.port, "The port clients connect to; open it in the firewall.")
                .put("protocol", "vmess")
                .put("settings", new CommentedJson().put("clients", List.of(new CommentedJson()
                        .put("id", id, "The user's UUID: the client must use the same one.")
                        .put("alterId", 0, "0: only the AEAD header is needed (V2Ray 4.28+ clients)."))))
                .put("streamSettings", stream)
                .put("sniffing", new CommentedJson().put("enabled", true).put("destOverride", List.of("http", "tls")),
                        "Learn the target's domain name from the traffic (for routing and logs).");
        CommentedJson root = new CommentedJson()
                .put("log", new CommentedJson().put("loglevel", "warning"),
                        "Server config written by vtool init.\nLog warnings and errors only.")
                .put("inbounds", List.of(inbound), "What the server accepts: VMess from the client.")
                .put("outbounds", List.of(
                        new CommentedJson().put("tag", "direct").put("protocol", "freedom",
                                "Send the client's traffic on to the Internet.").put("settings", new CommentedJson(),
                                "vtool run refuses this server's loopback and private networks to clients; add\n"
                                        + "\"allowPrivate\": true here to allow them (V2Ray ignores the key)."),
                        new CommentedJson().put("tag", "block").put("protocol", "blackhole").put("settings", new CommentedJson())),
                        "Where the traffic goes: the first outbound is the default.");
        return root.render();
    }
}
