package dev.vtool.schema.protocol.fallback;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code fallback}/{@code fallbacks} of a Trojan or VLESS inbound with 4.34's rules and words
 * ({@code infra/conf/trojan.go}, {@code vless.go}, which are the same but for the protocol name).
 */
public final class Fallbacks {
    /** Go networks vtool dials for a fallback; 4.34 hands {@code type} to Go's dialer as is. */
    private static final Set<String> DIALABLE = Set.of("tcp", "tcp4", "tcp6", "unix");
    /** Length of {@code sockaddr_un.sun_path} on Linux: 4.34 pads {@code @@} names to it. */
    private static final int UNIX_PATH_MAX = 108;

    private Fallbacks() {
    }

    /** @param name {@code Trojan} or {@code VLESS}, as 4.34's messages spell it */
    public static List<Fallback> parse(ConfigNode settings, String name, ConfigProblems problems)
            throws ConfigModelException {
        ConfigNode legacy = settings.get("fallback");
        if (legacy != null && !legacy.json().isNull()) {
            throw legacy.error(name + " settings: please use \"fallbacks\":[{}] instead of \"fallback\":{}");
        }
        List<Fallback> out = new ArrayList<>();
        for (ConfigNode fb : settings.array("fallbacks")) {
            if (fb.json().isNull()) {
                continue; // Go leaves a null element nil, and 4.34 then crashes on it; lint says so
            }
            String alpn = fb.string("alpn", "");
            String path = fb.string("path", "");
            String type = fb.string("type", "");
            String dest = dest(fb.get("dest"));
            long xver = fb.number("xver", 0, 0, Long.MAX_VALUE);
            if (!path.isEmpty() && path.charAt(0) != '/') {
                throw at(fb, "path").error(name + " fallbacks: \"path\" must be empty or start with \"/\"");
            }
            if (type.isEmpty() && !dest.isEmpty()) {
                if (dest.equals("serve-ws-none")) {
                    type = "serve";
                } else if (dest.charAt(0) == '@' || dest.charAt(0) == '/') {
                    type = "unix";
                    if (dest.startsWith("@@")) {
                        StringBuilder padded = new StringBuilder(dest.substring(1));
                        while (padded.length() < UNIX_PATH_MAX) {
                            padded.append('\0');
                        }
                        dest = padded.toString();
                    }
                } else {
                    if (dest.matches("[+-]?\\d+")) {
                        dest = "127.0.0.1:" + dest;
                    }
                    if (splitsAsHostPort(dest)) {
                        type = "tcp";
                    }
                }
            }
            if (type.isEmpty()) {
                throw at(fb, "dest").error(name + " fallbacks: please fill in a valid value for every \"dest\"");
            }
            if (xver > 2) {
                throw at(fb, "xver").error(name + " fallbacks: invalid PROXY protocol version, \"xver\" only accepts 0, 1, 2");
            }
            if (!DIALABLE.contains(type)) {
                problems.notSupported(at(fb, type.equals("serve") ? "dest" : "type"), "fallback " + (type.equals("serve")
                        ? "dest \"serve-ws-none\" (4.34 cannot dial it either)" : "type \"" + type + "\""));
                continue;
            }
            out.add(new Fallback(alpn, path, type, dest, (int) xver));
        }
        return out;
    }

    private static ConfigNode at(ConfigNode fb, String key) {
        ConfigNode n = fb.get(key);
        return n != null ? n : fb;
    }

    /** A number that fits uint16 becomes its decimal text; a string is taken as is; anything else is "". */
    private static String dest(ConfigNode d) {
        if (d == null) {
            return "";
        }
        if (d.json().isIntegralNumber() && d.json().canConvertToLong()) {
            long v = d.json().asLong();
            return v >= 0 && v <= 65535 ? Long.toString(v) : "";
        }
        return d.json().isString() ? d.json().asString() : "";
    }

    /** Go's net.SplitHostPort: one colon, or a bracketed host before the last colon. */
    static boolean splitsAsHostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[")) {
            return host.endsWith("]") && host.indexOf(']') == host.length() - 1;
        }
        return !host.contains(":") && !host.contains("[") && !host.contains("]") && !s.substring(colon + 1).contains("[");
    }
}
