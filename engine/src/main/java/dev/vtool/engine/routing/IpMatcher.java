package dev.vtool.engine.routing;

import dev.vtool.engine.EngineException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Matches addresses against CIDRs and {@code geoip:} lists, by one binary search over their ranges. */
public final class IpMatcher {
    private final IpRangeTable table;

    public IpMatcher(List<String> patterns, GeoData geo) throws EngineException {
        this(cidrs(patterns, geo));
    }

    IpMatcher(List<Cidr> networks) {
        IpRangeTable.Builder b = new IpRangeTable.Builder();
        for (Cidr c : networks) {
            b.add(c, 0);
        }
        table = b.build();
    }

    /** The networks of CIDR, {@code geoip:} and {@code ext:FILE:CODE} patterns. */
    static List<Cidr> cidrs(List<String> patterns, GeoData geo) throws EngineException {
        List<Cidr> cidrs = new ArrayList<>();
        for (String p : patterns) {
            if (p.regionMatches(true, 0, "geoip:", 0, 6)) {
                cidrs.addAll(geo.geoip(p.substring(6)));
            } else if (p.startsWith("ext:") || p.startsWith("ext-ip:")) {
                String[] kv = p.substring(p.indexOf(':') + 1).split(":", -1);
                if (kv.length != 2) {
                    throw new EngineException("invalid external resource: " + p);
                }
                cidrs.addAll(geo.geoip(kv[0], kv[1], "failed to load geoip: " + kv[1] + " from " + kv[0]));
            } else {
                try {
                    cidrs.add(Cidr.parse(p));
                } catch (UnknownHostException | NumberFormatException e) {
                    throw new EngineException("unsupported address for router: " + p);
                }
            }
        }
        return cidrs;
    }

    public boolean matches(InetAddress address) {
        return address != null && table.lookup(address.getAddress()).length > 0;
    }

    boolean matchesAny(List<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            if (matches(a)) {
                return true;
            }
        }
        return false;
    }
}
