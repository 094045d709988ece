package dev.vtool.engine.transport.tls;

import java.util.List;

/**
 * Server-side ALPN choice as Go's {@code crypto/tls} makes it: the server's first protocol the client also
 * offers; no ALPN when either side offers none, or when the only overlap missed is a client offering
 * {@code http/1.1} to an {@code h2} server; otherwise the handshake fails.
 */
final class GoAlpn {
    private GoAlpn() {
    }

    /** The protocol, {@code ""} for none, or null to refuse the handshake. */
    static String choose(List<String> server, List<String> client) {
        if (server.isEmpty() || client == null || client.isEmpty()) {
            return "";
        }
        boolean http11Fallback = false;
        for (String s : server) {
            for (String c : client) {
                if (s.equals(c)) {
                    return s;
                }
                if (s.equals("h2") && c.equals("http/1.1")) {
                    http11Fallback = true;
                }
            }
        }
        return http11Fallback ? "" : null;
    }
}
