package dev.vtool.engine.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One name server's answers, as 4.34 keeps them: per name an A and an AAAA record, each with its
 * response code and an expiry at the smallest TTL of the answer (600 s when there is none). A failed
 * answer (NXDOMAIN, SERVFAIL) is cached too, until it expires. Written on the DNS event loop only; read
 * from any thread (a cache hit is answered on the caller's own loop, without a hop).
 */
final class DnsCache {
    /** One cached answer of one type. */
    record Answer(List<InetAddress> ips, int rcode, long expiresAtNanos) {
        boolean live(long now) {
            return now - expiresAtNanos < 0;
        }
    }

    private static final class Entry {
        volatile Answer a;
        volatile Answer aaaa;
    }

    /** Bounded so that a flood of unique names cannot grow it without end. */
    private static final int MAX_NAMES = 65_536;
    private final Map<String, Entry> names = new ConcurrentHashMap<>();

    void put(String fqdn, int type, Answer answer) {
        if (names.size() >= MAX_NAMES && !names.containsKey(fqdn)) {
            sweep(System.nanoTime());
            if (names.size() >= MAX_NAMES) {
                names.clear();
            }
        }
        Entry e = names.computeIfAbsent(fqdn, k -> new Entry());
        // like 4.34: a newer answer replaces an older one only if it lives longer
        if (type == DnsWire.TYPE_A) {
            if (e.a == null || e.a.expiresAtNanos() - answer.expiresAtNanos() < 0) {
                e.a = answer;
            }
        } else if (e.aaaa == null || e.aaaa.expiresAtNanos() - answer.expiresAtNanos() < 0) {
            e.aaaa = answer;
        }
    }

    /**
     * The cached addresses for {@code family}: a list (possibly from one type only, as 4.34 answers), or a
     * {@link DnsFailure} for a cached error or empty answer, or null when nothing usable is cached (a miss).
     */
    Object find(String fqdn, NameLookup.Family family, long now) {
        Entry e = names.get(fqdn);
        if (e == null) {
            return null;
        }
        if (family != NameLookup.Family.ANY) {
            // one type: its live, successful, non-empty answer as it is (the common hit, no list built)
            Answer only = family == NameLookup.Family.IPV4 ? e.a : e.aaaa;
            if (only != null && only.rcode() == 0 && !only.ips().isEmpty() && only.live(now)) {
                return only.ips();
            }
        }
        List<InetAddress> ips = new ArrayList<>();
        Object last = null; // 4.34 keeps the error of the last type it looked at: MISSING or a DnsFailure
        if (family != NameLookup.Family.IPV6) {
            last = take(e.a, now, ips, last);
        }
        if (family != NameLookup.Family.IPV4) {
            last = take(e.aaaa, now, ips, last);
        }
        if (!ips.isEmpty()) {
            return ips;
        }
        if (last == MISSING) {
            return null;
        }
        return last != null ? last : DnsFailure.empty();
    }

    private static final Object MISSING = new Object();

    private static Object take(Answer answer, long now, List<InetAddress> ips, Object last) {
        if (answer == null || !answer.live(now)) {
            return MISSING;
        }
        if (answer.rcode() != 0) {
            return DnsFailure.rcode(answer.rcode());
        }
        ips.addAll(answer.ips());
        return last;
    }

    /** Drops expired answers (4.34 does this once a minute). */
    void sweep(long now) {
        for (Iterator<Entry> it = names.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.a != null && !e.a.live(now)) {
                e.a = null;
            }
            if (e.aaaa != null && !e.aaaa.live(now)) {
                e.aaaa = null;
            }
            if (e.a == null && e.aaaa == null) {
                it.remove();
            }
        }
    }

}
