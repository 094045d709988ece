package dev.vtool.schema.pair;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP-literal tests that never touch DNS. */
final class HostNames {
    private HostNames() {
    }

    static boolean isIpLiteral(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** A comparable form of an IP literal (IPv6 zero runs folded); the input itself when it is not one. */
    static String canonicalIp(String s) {
        if (!isIpLiteral(s)) {
            return s;
        }
        try {
            // Safe: for a literal, getByName parses and does no lookup.
            return InetAddress.getByName(s).getHostAddress();
        } catch (UnknownHostException e) {
            return s;
        }
    }
}
