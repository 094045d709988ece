package dev.vtool.schema.model;

import java.util.List;

/**
 * One {@code dns.hosts} entry: names matching {@code pattern} answer with {@code ips}, or are replaced by
 * {@code domain} (then looked up in turn).
 *
 * @param pattern a domain pattern in the routing matcher syntax: {@code full:}, {@code domain:},
 *                {@code keyword:}, {@code regexp:} or {@code geosite:} (a bare hosts key is a full match in
 *                4.34 and arrives here as {@code full:})
 * @param ips     IP literals (empty when {@code domain} is set)
 * @param domain  the replacement domain, or null
 */
public record DnsHost(String pattern, List<String> ips, String domain, String pointer) {
    public DnsHost {
        ips = List.copyOf(ips);
    }
}
