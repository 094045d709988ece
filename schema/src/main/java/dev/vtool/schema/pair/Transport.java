package dev.vtool.schema.pair;

import dev.vtool.schema.json.ConfigDocument;
import java.util.Locale;

/** Reads the transport side of a streamSettings object with V2Ray's defaults and aliases folded. */
final class Transport {
    private Transport() {
    }

    /** tcp, kcp, ws, h2, domainsocket, quic (aliases folded; absent = tcp; unknown names kept). */
    static String network(ConfigDocument doc, String streamSettings) {
        String n = Nodes.lower(doc.at(streamSettings + "/network"), "tcp");
        switch (n) {
            case "mkcp":
                return "kcp";
            case "websocket":
                return "ws";
            case "http":
                return "h2";
            case "ds":
                return "domainsocket";
            default:
                return n;
        }
    }

    /** Only "tls" (any case) turns TLS on in 4.34; every other value silently means none. */
    static boolean tls(ConfigDocument doc, String streamSettings) {
        return Nodes.lower(doc.at(streamSettings + "/security"), "").equals("tls");
    }

    static String label(String network, boolean tls) {
        return tls ? network + "+tls" : network;
    }

    /**
     * QUIC security as 4.34 folds it: aes-128-gcm, chacha20-poly1305, anything else none; without a
     * {@code quicSettings} object at all it has no security config, which Go reads as AES-128-GCM.
     */
    static String quicSecurity(ConfigDocument doc, String quicSettings) {
        if (!doc.at(quicSettings).isObject()) {
            return "aes-128-gcm";
        }
        String s = Nodes.lower(doc.at(quicSettings + "/security"), "none");
        return s.equals("aes-128-gcm") || s.equals("chacha20-poly1305") ? s : "none";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
