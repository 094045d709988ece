package dev.vtool.schema.rules;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The grammar of an IP matcher as V2Ray 4.34 reads it ({@code toCidrList} and {@code ParseIP} in
 * infra/conf/router.go), used for routing {@code ip}/{@code source} and DNS servers' {@code expectIps}:
 * {@code geoip:CC}, {@code ext:FILE:CC} / {@code ext-ip:FILE:CC}, or an IP with an optional {@code /bits}.
 * The address goes through {@code net.ParseAddress}, so IPv4-mapped IPv6 counts as IPv4 (at most /32).
 */
final class IpMatcher {
    private IpMatcher() {
    }

    /** Null when 4.34 accepts {@code value}, else 4.34's own words for the failure. */
    static String problem(String value) {
        if (value.startsWith("geoip:")) {
            return value.length() == 6 ? "empty country name in rule" : null;
        }
        int ext = value.startsWith("ext:") ? 4 : value.startsWith("ext-ip:") ? 7 : 0;
        if (ext > 0) {
            String[] kv = value.substring(ext).split(":", -1);
            if (kv.length != 2) {
                return "invalid external resource: " + value;
            }
            return kv[0].isEmpty() || kv[1].isEmpty() ? "empty filename or empty country in rule" : null;
        }
        int slash = value.indexOf('/');
        String addr = slash < 0 ? value : value.substring(0, slash);
        String mask = slash < 0 ? "" : value.substring(slash + 1);
        int maxBits = family(addr);
        if (maxBits == 0) {
            return "invalid IP: " + value + " > unsupported address for router: " + value;
        }
        if (mask.isEmpty()) {
            return null;
        }
        String prefix = "invalid IP: " + value + " > invalid network mask for router: ";
        if (!mask.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return prefix + mask + " > strconv.ParseUint: parsing \"" + mask + "\": invalid syntax";
        }
        String digits = mask.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > 0xFFFFFFFFL) {
            return prefix + mask + " > strconv.ParseUint: parsing \"" + mask + "\": value out of range";
        }
        long bits = Long.parseLong(digits);
        return bits > maxBits ? prefix + bits : null;
    }

    /** 32 for an address V2Ray takes as IPv4, 128 for IPv6, 0 for anything else (a domain, empty text). */
    private static int family(String addr) {
        String a = GoAddress.normalize(addr);
        if (GoAddress.isIPv4(a)) {
            return 32;
        }
        if (!GoAddress.isIPv6(a)) {
            return 0;
        }
        try {
            // a syntactically checked literal: no name lookup happens; Java folds ::ffff:a.b.c.d to IPv4 as Go does
            return InetAddress.getByName(a) instanceof Inet4Address ? 32 : 128;
        } catch (UnknownHostException e) {
            return 0;
        }
    }
}
