package dev.vtool.schema.rules;

/**
 * How V2Ray 4.34 classifies an address string ({@code common/net.ParseAddress} with Go's
 * {@code net.ParseIP}): brackets around IPv6 are dropped, surrounding spaces trimmed when the text
 * does not start and end with a letter or digit, then it is an IP literal or else a domain.
 * Pure text checks: nothing is resolved.
 */
final class GoAddress {
    private GoAddress() {
    }

    /** The text V2Ray goes on with after unwrapping brackets and trimming. */
    static String normalize(String addr) {
        String a = addr;
        if (a.length() > 1 && a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (!a.isEmpty() && (!alnum(a.charAt(0)) || !alnum(a.charAt(a.length() - 1)))) {
            a = a.strip();
        }
        return a;
    }

    static boolean isIp(String addr) {
        String a = normalize(addr);
        return isIPv4(a) || isIPv6(a);
    }

    /** Go 1.17+ rules: four decimal parts 0-255, no leading zeros. */
    static boolean isIPv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Eight groups of 1-4 hex digits, one "::" allowed, an IPv4 tail allowed; no zone. */
    static boolean isIPv6(String s) {
        if (!s.contains(":")) {
            return false;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        java.util.List<String> groups = new java.util.ArrayList<>();
        for (String part : doubleColon >= 0
                ? new String[] {s.substring(0, doubleColon), s.substring(doubleColon + 2)} : new String[] {s}) {
            if (!part.isEmpty()) {
                groups.addAll(java.util.List.of(part.split(":", -1)));
            }
        }
        int count = 0;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (i == groups.size() - 1 && g.contains(".")) {
                if (!isIPv4(g)) {
                    return false;
                }
                count += 2;
            } else if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
                return false;
            } else {
                count++;
            }
        }
        return doubleColon >= 0 ? count < 8 : count == 8;
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
