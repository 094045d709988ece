package dev.vtool.engine.routing;

import java.net.InetAddress;
import java.util.List;

/**
 * Finds the first rule (lowest index) that matches a connection without trying every rule: rules with a
 * domain condition are found through one {@link DomainIndex} of all their patterns, rules with an ip
 * condition (and no domain condition) through one {@link IpRangeTable} of all their networks; only the
 * few candidates these return, and the rules with neither condition, are checked in full. First match
 * wins exactly as a scan in order would decide.
 */
final class RuleTable {
    private static final int NO_RULE = Integer.MAX_VALUE;
    private final Rule[] rules;
    private final DomainIndex domains;
    private final IpRangeTable ips;
    /** Rules with neither a domain nor an ip condition, ascending. */
    private final int[] others;

    RuleTable(List<Rule> list) {
        rules = list.toArray(new Rule[0]);
        DomainIndex.Builder d = new DomainIndex.Builder();
        IpRangeTable.Builder ip = new IpRangeTable.Builder();
        IntList rest = new IntList();
        for (int id = 0; id < rules.length; id++) {
            Rule r = rules[id];
            if (r.hasDomainCondition()) {
                d.add(r.domainEntries, id);
            } else if (r.hasIpCondition()) {
                for (Cidr c : r.ipNetworks) {
                    ip.add(c, id);
                }
            } else {
                rest.add(id);
            }
            r.indexed();
        }
        domains = d.build();
        ips = ip.build();
        others = rest.toSortedSet();
    }

    /** The first matching rule, or null. */
    Rule first(RoutingContext c) {
        int best = NO_RULE;
        for (int id : others) {
            if (rules[id].matchesBeyondIndex(c)) {
                best = id;
                break;
            }
        }
        String domain = c.domain();
        if (domain != null && best > 0) {
            IntList hits = new IntList();
            domains.collect(DomainIndex.lower(domain), hits);
            best = firstAccepted(hits, c, best);
            if (domains.hasRegexps()) {
                best = Math.min(best, domains.firstRegexp(domain, best, id -> rules[id].matchesBeyondIndex(c)));
            }
        }
        if (!ips.isEmpty()) {
            for (InetAddress a : c.targetIps()) {
                for (int id : ips.lookup(a.getAddress())) {
                    if (id >= best) {
                        break;
                    }
                    if (rules[id].matchesBeyondIndex(c)) {
                        best = id;
                        break;
                    }
                }
            }
        }
        return best == NO_RULE ? null : rules[best];
    }

    private int firstAccepted(IntList hits, RoutingContext c, int best) {
        if (hits.size() == 0) {
            return best;
        }
        hits.sort();
        for (int i = 0; i < hits.size(); i++) {
            int id = hits.get(i);
            if (id >= best) {
                break;
            }
            if ((i == 0 || hits.get(i - 1) != id) && rules[id].matchesBeyondIndex(c)) {
                return id;
            }
        }
        return best;
    }
}
