package dev.vtool.cli.init;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks for init answers: each returns null when the text is fine, else what is wrong. */
public final class Validation {
    private static final Pattern HOST = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Validation() {
    }

    public static String address(String s) {
        if (s.isEmpty()) {
            return "enter the server's domain name or IP address";
        }
        if (isIpv4(s) || s.contains(":") && s.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        if (s.matches("[\\d.]+")) {
            return "\"" + s + "\" is not a valid IPv4 address";
        }
        return HOST.matcher(s).matches() && s.length() <= 253 ? null
                : "\"" + s + "\" is not a host name (letters, digits, '-' and '.') or an IP address";
    }

    public static String domain(String s) {
        if (s.isEmpty()) {
            return "TLS needs a domain name the certificate is issued for";
        }
        if (isIpv4(s) || s.contains(":")) {
            return "enter a domain name, not an IP address (certificates are issued for names)";
        }
        return HOST.matcher(s).matches() && s.contains(".") ? null : "\"" + s + "\" is not a domain name like example.com";
    }

    public static String port(String s) {
        return portIn(s, 1);
    }

    public static String portOrZero(String s) {
        return portIn(s, 0);
    }

    private static String portIn(String s, int min) {
        try {
            int p = Integer.parseInt(s);
            if (p >= min && p <= 65535) {
                return null;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        return "\"" + s + "\" is not a port (" + min + "-65535" + (min == 0 ? ", 0 for none" : "") + ")";
    }

    /** tcp, ws+tls or h2+tls (also ws, h2, with any case); null when unknown. */
    public static String normalizeTransport(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "tcp":
                return "tcp";
            case "ws":
            case "ws+tls":
            case "websocket":
                return "ws+tls";
            case "h2":
            case "h2+tls":
            case "http":
                return "h2+tls";
            default:
                return null;
        }
    }

    public static String transport(String s) {
        return normalizeTransport(s) != null ? null : "choose tcp, ws+tls or h2+tls";
    }

    public static String path(String s) {
        if (s.isEmpty()) {
            return "enter a path such as /ray";
        }
        if (s.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#' || c == '"' || c == '\\')) {
            return "a path may not contain spaces, '?', '#', quotes or backslashes";
        }
        return null;
    }

    public static String normalizePath(String s) {
        return s.startsWith("/") ? s : "/" + s;
    }

    public static String file(String s) {
        if (s.isEmpty()) {
            return "enter a file path";
        }
        try {
            Path.of(s);
            return null;
        } catch (InvalidPathException e) {
            return "not a valid path: " + e.getReason();
        }
    }

    public static String directory(String s) {
        String f = file(s);
        if (f != null) {
            return f;
        }
        Path p = Path.of(s);
        return Files.exists(p) && !Files.isDirectory(p) ? s + " exists and is not a directory" : null;
    }

    private static boolean isIpv4(String s) {
        var m = IPV4.matcher(s);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
