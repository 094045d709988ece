package dev.vtool.schema.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code dns} section for the run model, read as 4.34's {@code infra/conf/dns.go} and
 * {@code app/dns/nameserver.go} read it: servers as plain strings or objects, hosts sorted by key, the
 * client IP. Whatever 4.34 refuses is an error with its words; DNS-over-QUIC is refused by name.
 */
final class DnsSettingsBuilder {
    private final ConfigProblems problems;

    DnsSettingsBuilder(ConfigProblems problems) {
        this.problems = problems;
    }

    DnsSettings build(ConfigNode n) throws ConfigModelException {
        String clientIp = clientIp(n, "failed to parse DNS config > ");
        List<DnsServer> servers = new ArrayList<>();
        for (ConfigNode s : n.array("servers")) {
            try {
                DnsServer server = server(s);
                if (server != null) {
                    servers.add(server);
                }
            } catch (ConfigModelException e) {
                problems.error(e);
            }
        }
        List<DnsHost> hosts = new ArrayList<>();
        ConfigNode h = n.object("hosts");
        if (h != null) {
            Map<String, ConfigNode> sorted = new TreeMap<>(); // Go's sort.Strings: byte order
            for (String key : h.names()) {
                sorted.put(key, h.get(key)); // exact key first, as Go's map decoding
            }
            for (Map.Entry<String, ConfigNode> e : sorted.entrySet()) {
                try {
                    DnsHost host = host(e.getKey(), e.getValue(), h);
                    if (host != null) {
                        hosts.add(host);
                    }
                } catch (ConfigModelException ex) {
                    problems.error(ex);
                }
            }
        }
        String tag = n.string("tag", "");
        return new DnsSettings(true, servers, hosts, clientIp, tag.isEmpty() ? null : tag);
    }

    private static String clientIp(ConfigNode n, String prefix) throws ConfigModelException {
        ConfigNode c = n.get("clientIp");
        if (c == null) {
            return null;
        }
        if (!c.json().isString()) {
            throw c.error(c.path() + ": expected an IP address string");
        }
        String v = IpText.stripBrackets(c.json().asString());
        if (!IpText.isIpLiteral(v)) {
            throw c.error(prefix + "not an IP address:" + c.json().asString());
        }
        return v;
    }

    private DnsServer server(ConfigNode s) throws ConfigModelException {
        ConfigNode addressNode;
        int port = 0;
        List<String> domains = List.of();
        List<String> expect = List.of();
        String clientIp = null;
        if (s.json().isString()) {
            addressNode = s;
        } else if (s.json().isObject()) {
            addressNode = s.get("address");
            if (addressNode == null) {
                throw s.error("failed to build nameserver > NameServer address is not specified.");
            }
            if (!addressNode.json().isString()) {
                throw s.error("failed to parse name server: " + s.json());
            }
            port = s.port("port");
            domains = s.stringList("domains");
            for (String d : domains) {
                checkDomainRule(s.get("domains"), d);
            }
            expect = s.stringList("expectIps");
            clientIp = clientIp(s, "failed to build nameserver > ");
        } else {
            throw s.error("failed to parse name server: " + s.json());
        }
        String address = IpText.stripBrackets(addressNode.json().asString());
        if (IpText.isIpLiteral(address)) {
            return new DnsServer(DnsServer.Kind.UDP, address, port == 0 ? 53 : port, null, domains, expect, clientIp,
                    s.pointer());
        }
        if (address.equals("localhost")) {
            return new DnsServer(DnsServer.Kind.LOCALHOST, "localhost", 0, null, domains, expect, clientIp,
                    s.pointer());
        }
        String lower = address.toLowerCase(Locale.ROOT);
        if (lower.startsWith("quic+local://")) {
            problems.notSupported(addressNode, "DNS-over-QUIC (\"quic+local://\") servers",
                    "vtool has no QUIC stack that speaks 4.34's DoQ; use \"https+local://\" (DoH) instead");
            return null;
        }
        if (lower.startsWith("https://") || lower.startsWith("https+local://")) {
            boolean local = lower.startsWith("https+local://");
            String url = "https://" + address.substring(address.indexOf("://") + 3);
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw addressNode.error("app/dns: failed to create client > failed to create nameserver > parse \""
                        + address + "\": " + e.getReason());
            }
            if (uri.getHost() == null) {
                throw addressNode.error("app/dns: failed to create client > failed to create nameserver > parse \""
                        + address + "\": missing host");
            }
            int urlPort = uri.getPort() < 0 ? 443 : uri.getPort();
            String host = uri.getRawAuthority();
            return new DnsServer(local ? DnsServer.Kind.DOH_LOCAL : DnsServer.Kind.DOH, host, urlPort, url,
                    domains, expect, clientIp, s.pointer());
        }
        if (address.matches("[^/]*:\\d*")) {
            // Go's url.Parse of a scheme-less "host:port"
            throw addressNode.error("app/dns: failed to create client > failed to create nameserver > parse \""
                    + address + "\": first path segment in URL cannot contain colon");
        }
        // any other text is a host name 4.34 sends classic UDP queries to (tcp:// and udp:// included)
        return new DnsServer(DnsServer.Kind.UDP, address, port == 0 ? 53 : port, null, domains, expect, clientIp,
                s.pointer());
    }

    private void checkDomainRule(ConfigNode at, String d) throws ConfigModelException {
        for (String p : List.of("domain:", "full:", "regexp:", "keyword:", "geosite:")) {
            if (d.equals(p)) {
                throw at.error("failed to build nameserver > invalid domain rule: " + d);
            }
        }
        if ((d.startsWith("ext:") || d.startsWith("ext-domain:")) && d.substring(d.indexOf(':') + 1).split(":", -1).length != 2) {
            throw at.error("failed to build nameserver > invalid domain rule: " + d + " > invalid external resource: " + d);
        }
    }

    /** One hosts entry in 4.34's matcher syntax (a bare key is a full match, dotless: becomes a regexp). */
    private DnsHost host(String key, ConfigNode v, ConfigNode hosts) throws ConfigModelException {
        ConfigNode at = v != null ? v : hosts;
        if (v == null || !v.json().isString()) {
            throw at.error("failed to parse DNS config: hosts \"" + key + "\" must be one address string "
                    + "(4.34 accepts no list here)");
        }
        String pattern;
        if (key.startsWith("dotless:")) {
            String sub = key.substring(8);
            if (sub.contains(".")) {
                throw at.error("failed to parse DNS config > substr in dotless rule should not contain a dot: " + sub);
            }
            pattern = "regexp:" + (sub.isEmpty() ? "^[^.]*$" : "^[^.]*" + sub + "[^.]*$");
        } else if (key.startsWith("ext:")) {
            if (key.substring(4).split(":", -1).length != 2) {
                throw at.error("failed to parse DNS config > invalid external resource: " + key);
            }
            pattern = key;
        } else if (key.startsWith("domain:") || key.startsWith("geosite:") || key.startsWith("regexp:")
                || key.startsWith("keyword:") || key.startsWith("full:")) {
            int colon = key.indexOf(':');
            if (colon == key.length() - 1) {
                String what = switch (key.substring(0, colon)) {
                    case "domain" -> "empty domain type of rule: ";
                    case "geosite" -> "empty geosite rule: ";
                    case "regexp" -> "empty regexp type of rule: ";
                    case "keyword" -> "empty keyword type of rule: ";
                    default -> "empty full domain type of rule: ";
                };
                throw at.error("failed to parse DNS config > " + what + key);
            }
            pattern = key;
        } else {
            pattern = "full:" + key;
        }
        String value = IpText.stripBrackets(v.json().asString());
        if (IpText.isIpLiteral(value)) {
            return new DnsHost(pattern, List.of(value), null, v.pointer());
        }
        return new DnsHost(pattern, List.of(), value, v.pointer());
    }
}
