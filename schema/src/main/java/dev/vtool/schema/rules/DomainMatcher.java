package dev.vtool.schema.rules;

/**
 * The grammar of a domain matcher as V2Ray 4.34 reads it: {@code parseDomainRule} in infra/conf/router.go for
 * routing rules and DNS servers' {@code domains}, and the key switch of {@code dns.hosts} in infra/conf/dns.go.
 * Prefixes are case-sensitive there ("Domain:x" is a plain substring). Regexps (and the regexp a {@code dotless:}
 * value becomes) are compiled with Go's syntax, as app/router and app/dns do when the server is created.
 */
final class DomainMatcher {
    /** Where a matcher stands; the hosts switch knows fewer prefixes and words two errors differently. */
    enum Site { ROUTING_OR_DNS_SERVER, DNS_HOSTS }

    private DomainMatcher() {
    }

    /** Null when 4.34 accepts {@code value}, else 4.34's own words for the failure. */
    static String problem(String value, Site site) {
        boolean hosts = site == Site.DNS_HOSTS;
        if (value.startsWith("geosite:")) {
            return value.length() == 8 ? (hosts ? "empty geosite rule: " : "empty listname in rule: ") + value : null;
        }
        int ext = value.startsWith("ext:") ? 4 : !hosts && value.startsWith("ext-domain:") ? 11 : 0;
        if (ext > 0) {
            return value.substring(ext).split(":", -1).length != 2 ? "invalid external resource: " + value : null;
        }
        if (value.startsWith("regexp:")) {
            String re = value.substring(7);
            return re.isEmpty() ? "empty regexp type of rule: " + value : GoRegexp.compileError(re);
        }
        if (value.startsWith("domain:")) {
            return value.length() == 7 ? "empty domain type of rule: " + value : null;
        }
        if (value.startsWith("full:")) {
            return value.length() == 5 ? "empty full domain type of rule: " + value : null;
        }
        if (value.startsWith("keyword:")) {
            return value.length() == 8 ? "empty keyword type of rule: " + value : null;
        }
        if (value.startsWith("dotless:")) {
            String sub = value.substring(8);
            if (sub.contains(".")) {
                return "substr in dotless rule should not contain a dot: " + sub;
            }
            return sub.isEmpty() ? null : GoRegexp.compileError("^[^.]*" + sub + "[^.]*$");
        }
        return null; // a plain value is a substring match; any text is accepted
    }

    /** True when the failure is only found when V2Ray creates its matchers (a regexp), not while loading. */
    static boolean isRegexpError(String problem) {
        return problem.startsWith("error parsing regexp:");
    }
}
