package dev.vtool.schema.model;

/** Recognises IP literals without any name lookup (a config must never trigger DNS while being read). */
public final class IpText {
    private IpText() {
    }

    public static String stripBrackets(String s) {
        return s.length() > 1 && s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }

    public static boolean isIpLiteral(String text) {
        String s = stripBrackets(text);
        return isIpv4(s) || isIpv6(s);
    }

    public static boolean isIpv4(String s) {
        // four dot-separated parts of 1 to 3 digits, each at most 255; read in place (it runs per packet)
        int parts = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255 || ++parts > 4) {
                    return false;
                }
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9' && ++digits <= 3) {
                value = value * 10 + (c - '0');
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    public static boolean isIpv6(String s) {
        if (!s.contains(":") || s.length() > 45) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        try {
            // only literal characters reach here, so this never resolves a name
            java.net.InetAddress.getByName(s);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
