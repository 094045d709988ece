package dev.vtool.engine.dns;

import dev.vtool.engine.EngineException;
import dev.vtool.engine.routing.DomainMatcher;
import dev.vtool.engine.routing.GeoData;
import dev.vtool.schema.model.DnsHost;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dns.hosts} as 4.34's {@code StaticHosts}: every entry whose pattern matches contributes its
 * addresses (so several entries can answer together); an entry mapping to a domain replaces the name, which
 * is looked up again (up to five times); 127.0.0.1 alone also answers ::1.
 */
final class StaticHosts {
    private record Entry(DomainMatcher matcher, List<InetAddress> ips, String domain) {
    }

    /** What {@link #lookup} found: addresses, a replacement name, or nothing (null). */
    record Found(List<InetAddress> ips, String replacement) {
    }

    private final List<Entry> entries = new ArrayList<>();

    StaticHosts(List<DnsHost> hosts, GeoData geo) throws EngineException {
        for (DnsHost h : hosts) {
            List<InetAddress> ips = new ArrayList<>();
            for (String ip : h.ips()) {
                ips.add(DnsWire.ip(ip));
            }
            if (ips.size() == 1 && ips.get(0).getHostAddress().equals("127.0.0.1")) {
                ips.add(DnsWire.ip("::1"));
            }
            entries.add(new Entry(new DomainMatcher(List.of(h.pattern()), geo), List.copyOf(ips), h.domain()));
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Found lookup(String domain, NameLookup.Family family) {
        return lookup(domain, family, 5);
    }

    private Found lookup(String domain, NameLookup.Family family, int depth) {
        List<InetAddress> ips = new ArrayList<>();
        String replacement = null;
        int matched = 0;
        for (Entry e : entries) {
            if (e.matcher().matches(domain)) {
                matched++;
                if (e.domain() != null) {
                    replacement = e.domain();
                } else {
                    ips.addAll(e.ips());
                }
            }
        }
        if (matched == 0) {
            return null;
        }
        if (matched == 1 && replacement != null) {
            if (depth > 0) {
                Found unwrapped = lookup(replacement, family, depth - 1);
                if (unwrapped != null) {
                    return unwrapped;
                }
            }
            return new Found(List.of(), replacement);
        }
        return new Found(ips.stream().filter(a -> wanted(a, family)).toList(), null);
    }

    static boolean wanted(InetAddress a, NameLookup.Family family) {
        return switch (family) {
            case ANY -> true;
            case IPV4 -> a instanceof Inet4Address;
            case IPV6 -> a instanceof Inet6Address;
        };
    }
}
