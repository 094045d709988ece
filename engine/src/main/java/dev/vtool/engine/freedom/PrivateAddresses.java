package dev.vtool.engine.freedom;

import dev.vtool.engine.routing.Cidr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Destinations a remote client must not reach through freedom unless the operator allows it: the
 * loopback, private, link-local, CGNAT, multicast and reserved ranges (Xray's default block list, plus
 * IPv4-compatible IPv6). Checked on the resolved {@link InetAddress}, never on the text: Java turns
 * {@code 2130706433}, {@code 127.1} and {@code ::ffff:127.0.0.1} into 127.0.0.1, and
 * {@code isSiteLocalAddress()} misses 100.64/10 and fc00::/7. IPv4-mapped IPv6 is checked as IPv4.
 */
final class PrivateAddresses {
    private static final List<Cidr> NETWORKS = new ArrayList<>();

    static {
        for (String cidr : List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
                "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
                "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3",
                "::/96", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "2001:db8::/32")) {
            try {
                NETWORKS.add(Cidr.parse(cidr));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private PrivateAddresses() {
    }

    static boolean isBlocked(InetAddress address) {
        byte[] ip = address.getAddress();
        if (address instanceof Inet6Address && Cidr.isMapped(ip)) {
            ip = new byte[] {ip[12], ip[13], ip[14], ip[15]};
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        for (Cidr network : NETWORKS) {
            if (network.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** For messages: whether this is an IPv4 destination after unmapping. */
    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address || Cidr.isMapped(a.getAddress());
    }
}
