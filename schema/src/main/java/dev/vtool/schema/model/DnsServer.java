package dev.vtool.schema.model;

import java.util.List;

/**
 * One entry of {@code dns.servers}, as 4.34 builds a name server from it.
 *
 * @param kind      how queries are sent
 * @param host      UDP: the server's IP or host name; DoH: the URL's host; localhost: "localhost"
 * @param port      UDP: the port (0 in the config means 53); DoH: the URL's port (443 if absent)
 * @param url       DoH: the whole URL as written, with {@code https+local://} turned into {@code https://}
 * @param domains   domains this server is tried first for, in the routing matcher syntax (bare = keyword)
 * @param expectIps answers are kept only when they fall in these CIDRs / {@code geoip:} lists (empty: all)
 * @param clientIp  the EDNS0 client subnet sent with each query (null: none)
 */
public record DnsServer(Kind kind, String host, int port, String url, List<String> domains, List<String> expectIps,
                        String clientIp, String pointer) {
    public enum Kind {
        /** classic DNS over UDP, sent through the dispatcher like any proxied packet */
        UDP,
        /** the system resolver */
        LOCALHOST,
        /** DNS over HTTPS through the proxy's own outbounds ({@code https://}) */
        DOH,
        /** DNS over HTTPS dialled directly ({@code https+local://}) */
        DOH_LOCAL
    }

    public DnsServer {
        domains = List.copyOf(domains);
        expectIps = List.copyOf(expectIps);
    }

    /** How 4.34 names the server in its logs: {@code UDP:8.8.8.8:53}, {@code localhost}, {@code DOH//host}. */
    public String displayName() {
        return switch (kind) {
            case UDP -> "UDP:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            case LOCALHOST -> "localhost";
            case DOH -> "DOH//" + host;
            case DOH_LOCAL -> "DOHL//" + host;
        };
    }
}
