package dev.vtool.engine.routing;

import dev.vtool.engine.EngineException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Matches addresses against CIDRs and {@code geoip:} lists. */
public final class IpMatcher {
    private final List<Cidr> cidrs = new ArrayList<>();

    public IpMatcher(List<String> patterns, GeoData geo) throws EngineException {
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
    }

    public boolean matches(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] ip = address.getAddress();
        for (Cidr c : cidrs) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
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
