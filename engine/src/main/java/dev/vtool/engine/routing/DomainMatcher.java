package dev.vtool.engine.routing;

import dev.vtool.engine.EngineException;
import java.util.List;

/**
 * Whether a domain matches any of a list of V2Ray domain patterns (see {@link DomainIndex} for their
 * meaning): the index of one list, for the DNS's per-server domains and static hosts.
 */
public final class DomainMatcher {
    private final DomainIndex index;

    public DomainMatcher(List<String> patterns, GeoData geo) throws EngineException {
        DomainIndex.Builder b = new DomainIndex.Builder();
        b.add(DomainIndex.entries(patterns, geo), 0);
        index = b.build();
    }

    public boolean matches(String domain) {
        if (domain == null) {
            return false;
        }
        IntList hits = new IntList();
        index.collect(DomainIndex.lower(domain), hits);
        return hits.size() > 0 || index.firstRegexp(domain, 1, id -> true) == 0;
    }
}
