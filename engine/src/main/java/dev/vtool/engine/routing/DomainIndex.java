package dev.vtool.engine.routing;

import dev.vtool.engine.EngineException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every domain pattern of a rule set in one structure, each tagged with the id of the rule (or matcher) it
 * belongs to: {@code full:} and {@code domain:} in one hash keyed by name (a domain looks up itself and
 * each parent), keywords in one Aho–Corasick automaton, regexps in id order. Answers "which ids match
 * this domain" in time that hardly grows with the number of patterns (regexps aside).
 *
 * <p>V2Ray's domain matchers: a bare value and {@code keyword:} are substrings, {@code domain:} is the
 * domain and its subdomains, {@code full:} exact, {@code regexp:} a regular expression, {@code dotless:} a
 * name without dots, {@code geosite:} a list from geosite.dat, {@code ext:FILE:LIST} one from another file.
 * Names are compared in lower case; regexps see the name as given.
 */
final class DomainIndex {
    private static final int[] NONE = new int[0];
    static final int KEYWORD = 0;
    static final int REGEXP = 1;
    static final int DOMAIN = 2;
    static final int FULL = 3;

    /** One pattern after prefixes and geosite lists are expanded. */
    record Entry(int kind, String value, Pattern regexp) {
    }

    /** The ids of the patterns naming one domain exactly ({@code full:}) and as a parent ({@code domain:}). */
    private record Name(int[] full, int[] suffix) {
    }

    private final Map<String, Name> names;
    private final KeywordAutomaton keywords;
    private final Pattern[] regexps;
    private final int[] regexpIds;

    private DomainIndex(Map<String, Name> names, KeywordAutomaton keywords, Pattern[] regexps, int[] regexpIds) {
        this.names = names;
        this.keywords = keywords;
        this.regexps = regexps;
        this.regexpIds = regexpIds;
    }

    /** Expands the patterns of one rule; throws for a pattern that cannot be used, before anything is indexed. */
    static List<Entry> entries(List<String> patterns, GeoData geo) throws EngineException {
        List<Entry> out = new ArrayList<>();
        for (String p : patterns) {
            if (p.startsWith("domain:")) {
                out.add(new Entry(DOMAIN, p.substring(7).toLowerCase(Locale.ROOT), null));
            } else if (p.startsWith("full:")) {
                out.add(new Entry(FULL, p.substring(5).toLowerCase(Locale.ROOT), null));
            } else if (p.startsWith("keyword:")) {
                out.add(new Entry(KEYWORD, p.substring(8).toLowerCase(Locale.ROOT), null));
            } else if (p.startsWith("regexp:")) {
                out.add(new Entry(REGEXP, null, Pattern.compile(p.substring(7))));
            } else if (p.startsWith("dotless:")) {
                String sub = p.substring(8);
                out.add(new Entry(REGEXP, null, Pattern.compile(sub.isEmpty() ? "^[^.]*$" : "^[^.]*" + sub + "[^.]*$")));
            } else if (p.startsWith("geosite:") || p.startsWith("ext:") || p.startsWith("ext-domain:")) {
                List<GeoData.SiteDomain> list;
                if (p.startsWith("geosite:")) {
                    list = geo.geosite(p.substring(8));
                } else {
                    String[] kv = p.substring(p.indexOf(':') + 1).split(":", -1);
                    if (kv.length != 2) {
                        throw new EngineException("invalid external resource: " + p);
                    }
                    list = geo.geosite(kv[0], kv[1], "failed to load external geosite: " + kv[1] + " from " + kv[0]);
                }
                for (GeoData.SiteDomain d : list) {
                    int kind = d.type() >= KEYWORD && d.type() <= FULL ? d.type() : FULL;
                    out.add(kind == REGEXP ? new Entry(REGEXP, null, Pattern.compile(d.value()))
                            : new Entry(kind, d.value().toLowerCase(Locale.ROOT), null));
                }
            } else {
                out.add(new Entry(KEYWORD, p.toLowerCase(Locale.ROOT), null));
            }
        }
        return out;
    }

    /** Collects patterns with their ids; ids must be added in ascending order. */
    static final class Builder {
        private final Map<String, IntList[]> names = new HashMap<>();
        private final Map<String, IntList> keywords = new LinkedHashMap<>();
        private final List<Pattern> regexps = new ArrayList<>();
        private final IntList regexpIds = new IntList();

        void add(List<Entry> entries, int id) {
            for (Entry e : entries) {
                switch (e.kind()) {
                    case KEYWORD -> keywords.computeIfAbsent(e.value(), k -> new IntList()).add(id);
                    case REGEXP -> {
                        regexps.add(e.regexp());
                        regexpIds.add(id);
                    }
                    default -> {
                        IntList[] lists = names.computeIfAbsent(e.value(), k -> new IntList[2]);
                        int slot = e.kind() == FULL ? 0 : 1;
                        if (lists[slot] == null) {
                            lists[slot] = new IntList();
                        }
                        lists[slot].add(id);
                    }
                }
            }
        }

        DomainIndex build() {
            Map<String, Name> built = new HashMap<>(names.size() * 4 / 3 + 1);
            Map<List<Integer>, int[]> shared = new HashMap<>(); // most names carry the same one or two ids
            for (Map.Entry<String, IntList[]> e : names.entrySet()) {
                built.put(e.getKey(), new Name(ids(e.getValue()[0], shared), ids(e.getValue()[1], shared)));
            }
            Map<String, int[]> kw = new LinkedHashMap<>();
            keywords.forEach((k, v) -> kw.put(k, v.toSortedSet()));
            return new DomainIndex(built, new KeywordAutomaton(kw), regexps.toArray(new Pattern[0]),
                    regexpIdsArray());
        }

        private int[] regexpIdsArray() {
            int[] a = new int[regexpIds.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = regexpIds.get(i);
            }
            return a;
        }

        private static int[] ids(IntList list, Map<List<Integer>, int[]> shared) {
            if (list == null) {
                return NONE;
            }
            int[] set = list.toSortedSet();
            List<Integer> key = java.util.Arrays.stream(set).boxed().toList();
            return shared.computeIfAbsent(key, k -> set);
        }
    }

    /** The same domain in lower case (no copy when it already is). */
    static String lower(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }

    /**
     * Adds the ids of every non-regexp pattern that matches {@code lower} (a name in lower case); an id may
     * be added more than once.
     */
    void collect(String lower, IntList hits) {
        Name self = names.get(lower);
        if (self != null) {
            hits.addAll(self.full);
            hits.addAll(self.suffix);
        }
        for (int dot = lower.indexOf('.'); dot >= 0; dot = lower.indexOf('.', dot + 1)) {
            Name parent = names.get(lower.substring(dot + 1));
            if (parent != null) {
                hits.addAll(parent.suffix);
            }
        }
        keywords.collect(lower, hits);
    }

    boolean hasRegexps() {
        return regexps.length > 0;
    }

    /** The smallest id below {@code below} whose regexp finds a match in {@code domain} and that accept takes. */
    int firstRegexp(String domain, int below, java.util.function.IntPredicate accept) {
        for (int i = 0; i < regexps.length && regexpIds[i] < below; i++) {
            if (regexps[i].matcher(domain).find() && accept.test(regexpIds[i])) {
                return regexpIds[i];
            }
        }
        return Integer.MAX_VALUE;
    }
}
