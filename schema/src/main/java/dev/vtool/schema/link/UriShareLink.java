package dev.vtool.schema.link;

import dev.vtool.schema.model.IpText;
import dev.vtool.schema.vmess.V2rayUuid;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@code trojan://} or {@code vless://} share link in the URI form clients exchange
 * ({@code SCHEME://SECRET@HOST:PORT?type=ws&security=tls&sni=..&path=..#name}; trojan-gfw's plain
 * {@code trojan://password@host:port#name} is the same form without a query). The secret is the Trojan
 * password or the VLESS UUID. Query keys: {@code type} (tcp, ws, http), {@code security} (none, tls),
 * {@code sni}, {@code alpn}, {@code host}, {@code path}, {@code headerType}, {@code flow} and
 * {@code encryption} (vless), {@code allowInsecure}; a Trojan link without {@code security} means TLS, as
 * Trojan always runs over it.
 *
 * @param params the query, in link order; keys as written
 */
public record UriShareLink(String scheme, String secret, String host, int port, Map<String, String> params, String name) {
    private static final Set<String> SCHEMES = Set.of("trojan", "vless");
    private static final Set<String> NETWORKS = Set.of("tcp", "ws", "http", "h2");

    public UriShareLink {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public String param(String key) {
        return params.getOrDefault(key, "");
    }

    /** The stream network: tcp, ws or h2. */
    public String network() {
        String t = param("type").toLowerCase(Locale.ROOT);
        return t.isEmpty() ? "tcp" : t.equals("http") ? "h2" : t;
    }

    public boolean tls() {
        String s = param("security").toLowerCase(Locale.ROOT);
        return s.isEmpty() ? scheme.equals("trojan") : s.equals("tls");
    }

    public String encode() {
        StringBuilder b = new StringBuilder(scheme).append("://").append(escape(secret)).append('@')
                .append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port);
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            b.append(sep).append(escape(e.getKey())).append('=').append(escape(e.getValue()));
            sep = "&";
        }
        if (!name.isEmpty()) {
            b.append('#').append(escape(name));
        }
        return b.toString();
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static boolean isUriShareLink(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("trojan://") || s.startsWith("vless://");
    }

    public static UriShareLink decode(String text) throws LinkFormatException {
        String s = text.strip();
        int colon = s.indexOf("://");
        String scheme = colon < 0 ? "" : s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new LinkFormatException("not a trojan:// or vless:// link (it starts with \"" + s.substring(0, Math.min(s.length(), 12)) + "\")");
        }
        String rest = s.substring(colon + 3);
        String name = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            name = unescape(rest.substring(hash + 1), "the name after #");
            rest = rest.substring(0, hash);
        }
        Map<String, String> params = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                params.put(unescape(eq < 0 ? pair : pair.substring(0, eq), "a query key"),
                        eq < 0 ? "" : unescape(pair.substring(eq + 1), "the query value of " + pair.substring(0, eq)));
            }
            rest = rest.substring(0, q);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int at = rest.lastIndexOf('@');
        if (at <= 0) {
            throw new LinkFormatException("the " + scheme + ":// link has no " + (scheme.equals("trojan") ? "password" : "UUID")
                    + " before @");
        }
        String secret = unescape(rest.substring(0, at), "the text before @");
        String hostPort = rest.substring(at + 1);
        int portColon = hostPort.lastIndexOf(':');
        if (portColon <= 0 || (hostPort.contains("]") && portColon < hostPort.indexOf(']'))) {
            throw new LinkFormatException("the " + scheme + ":// link has no host:port after @ (\"" + hostPort + "\")");
        }
        String host = IpText.stripBrackets(hostPort.substring(0, portColon));
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(portColon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw new LinkFormatException("the " + scheme + ":// link's host:port \"" + hostPort + "\" is not a host and a port 1-65535");
        }
        UriShareLink link = new UriShareLink(scheme, secret, host, port, params, name);
        link.check();
        return link;
    }

    /** Refuses, with the reason, what V2Ray 4.34 cannot run. */
    private void check() throws LinkFormatException {
        if (scheme.equals("vless")) {
            V2rayUuid.Parse p = V2rayUuid.parse(secret);
            if (!p.ok()) {
                throw new LinkFormatException("the vless:// id \"" + secret + "\" is not a UUID V2Ray 4.34 accepts: " + p.errorWithOutcome());
            }
            String enc = param("encryption");
            if (!enc.isEmpty() && !enc.equals("none")) {
                throw new LinkFormatException("encryption \"" + enc + "\": V2Ray 4.34's VLESS has only \"none\"");
            }
        } else if (secret.isEmpty()) {
            throw new LinkFormatException("the trojan:// link has an empty password");
        }
        if (!NETWORKS.contains(network().equals("h2") ? "h2" : network())) {
            throw new LinkFormatException("transport type \"" + param("type") + "\" is not one vtool link writes (tcp, ws, http)");
        }
        String security = param("security").toLowerCase(Locale.ROOT);
        if (!security.isEmpty() && !security.equals("tls") && !security.equals("none")) {
            throw new LinkFormatException("security \"" + param("security") + "\" is not one V2Ray 4.34 has (tls, none)"
                    + (security.equals("xtls") || security.equals("reality") ? "; " + security + " is Xray's" : ""));
        }
    }

    private static String unescape(String s, String what) throws LinkFormatException {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new LinkFormatException(what + " is not percent-encoded correctly: " + e.getMessage());
        }
    }
}
