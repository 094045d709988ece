package dev.vtool.engine.routing;

import dev.vtool.engine.EngineException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * V2Ray's domain matchers: a bare value and {@code keyword:} are substrings, {@code domain:} is the domain
 * and its subdomains, {@code full:} exact, {@code regexp:} a regular expression, {@code dotless:} a name
 * without dots, {@code geosite:} a list from geosite.dat, {@code ext:FILE:LIST} one from another file.
 */
public final class DomainMatcher {
    private final Set<String> full = new HashSet<>();
    private final Set<String> suffixes = new HashSet<>();
    private final List<String> keywords = new ArrayList<>();
    private final List<Pattern> regexps = new ArrayList<>();

    public DomainMatcher(List<String> patterns, GeoData geo) throws EngineException {
        for (String p : patterns) {
            add(p, geo);
        }
    }

    private void add(String p, GeoData geo) throws EngineException {
        if (p.startsWith("domain:")) {
            suffixes.add(p.substring(7).toLowerCase(Locale.ROOT));
        } else if (p.startsWith("full:")) {
            full.add(p.substring(5).toLowerCase(Locale.ROOT));
        } else if (p.startsWith("keyword:")) {
            keywords.add(p.substring(8).toLowerCase(Locale.ROOT));
        } else if (p.startsWith("regexp:")) {
            regexps.add(Pattern.compile(p.substring(7)));
        } else if (p.startsWith("dotless:")) {
            String sub = p.substring(8);
            regexps.add(Pattern.compile(sub.isEmpty() ? "^[^.]*$" : "^[^.]*" + sub + "[^.]*$"));
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
                switch (d.type()) {
                    case 0 -> keywords.add(d.value().toLowerCase(Locale.ROOT));
                    case 1 -> regexps.add(Pattern.compile(d.value()));
                    case 2 -> suffixes.add(d.value().toLowerCase(Locale.ROOT));
                    default -> full.add(d.value().toLowerCase(Locale.ROOT));
                }
            }
        } else {
            keywords.add(p.toLowerCase(Locale.ROOT));
        }
    }

    public boolean matches(String domain) {
        if (domain == null) {
            return false;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (full.contains(d)) {
            return true;
        }
        String s = d;
        while (true) {
            if (suffixes.contains(s)) {
                return true;
            }
            int dot = s.indexOf('.');
            if (dot < 0) {
                break;
            }
            s = s.substring(dot + 1);
        }
        for (String k : keywords) {
            if (d.contains(k)) {
                return true;
            }
        }
        for (Pattern r : regexps) {
            if (r.matcher(domain).find()) {
                return true;
            }
        }
        return false;
    }
}
