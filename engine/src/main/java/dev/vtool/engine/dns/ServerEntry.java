package dev.vtool.engine.dns;

import dev.vtool.engine.EngineException;
import dev.vtool.engine.routing.DomainMatcher;
import dev.vtool.engine.routing.GeoData;
import dev.vtool.engine.routing.IpMatcher;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured server with what 4.34's {@code dns.Client} adds around it: the domain rules that put it
 * first, the expected IPs that filter its answers, and the client IP sent with its queries.
 */
final class ServerEntry {
    /** One of its domain rules with the rank 4.34's matcher group gives its matches: full, then domain, then the rest. */
    record DomainRule(String text, DomainMatcher matcher, int rank) {
    }

    /** The domains 4.34 sends to a {@code localhost} server first (its implicit "geosite:private" rule). */
    static final List<String> LOCAL_DOMAINS = List.of("regexp:^[^.]+$", "domain:local", "domain:localdomain",
            "domain:localhost", "domain:lan", "domain:home.arpa", "domain:example", "domain:invalid", "domain:test");

    NameServer server; // set when the DNS event loop exists (BuiltInDns.start)
    final InetAddress clientIp;
    final List<DomainRule> rules = new ArrayList<>();
    private final IpMatcher expectIps;

    ServerEntry(NameServer server, InetAddress clientIp, List<String> domains, List<String> expectIps, GeoData geo,
                boolean localhost) throws EngineException {
        this.server = server;
        this.clientIp = clientIp;
        for (String d : domains) {
            rules.add(new DomainRule(d, new DomainMatcher(List.of(d), geo), rank(d)));
        }
        if (localhost) {
            for (String d : LOCAL_DOMAINS) {
                rules.add(new DomainRule("geosite:private", new DomainMatcher(List.of(d), geo), rank(d)));
            }
        }
        this.expectIps = expectIps.isEmpty() ? null : new IpMatcher(expectIps, geo);
    }

    private static int rank(String rule) {
        return rule.startsWith("full:") ? 0 : rule.startsWith("domain:") || rule.startsWith("geosite:") ? 1 : 2;
    }

    /** The best rank of this server's rules that match {@code domain}, or -1 when none does. */
    int matchRank(String domain) {
        int best = -1;
        for (DomainRule r : rules) {
            if ((best < 0 || r.rank() < best) && r.matcher().matches(domain)) {
                best = r.rank();
            }
        }
        return best;
    }

    /** 4.34's MatchExpectedIPs: only the expected addresses, or a mismatch failure when none is. */
    List<InetAddress> filter(List<InetAddress> ips) throws DnsFailure {
        if (expectIps == null) {
            return ips;
        }
        List<InetAddress> kept = ips.stream().filter(expectIps::matches).toList();
        if (kept.isEmpty()) {
            throw new DnsFailure(DnsFailure.Kind.EXPECT_MISMATCH, 0, "expectIPs not match");
        }
        return kept;
    }
}
