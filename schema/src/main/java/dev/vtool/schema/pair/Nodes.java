package dev.vtool.schema.pair;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Lenient readers for config values: a pair check must not trip over what lint already reports. */
final class Nodes {
    private Nodes() {
    }

    /** The string value, or null when absent or not a string. */
    static String text(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : null;
    }

    static String text(JsonNode n, String dflt) {
        String s = text(n);
        return s == null ? dflt : s;
    }

    static String lower(JsonNode n, String dflt) {
        return text(n, dflt).toLowerCase(Locale.ROOT);
    }

    /** An integral number, or the default. */
    static long number(JsonNode n, long dflt) {
        return n != null && n.isIntegralNumber() ? n.asLong() : dflt;
    }

    static boolean bool(JsonNode n) {
        return n != null && n.isBoolean() && n.asBoolean();
    }

    /** A string list given as an array of strings or as one (optionally comma-separated) string. */
    static List<String> strings(JsonNode n, boolean splitCommas) {
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (e.isString()) {
                    out.add(e.stringValue());
                }
            }
        } else if (n.isString()) {
            if (splitCommas) {
                for (String s : n.stringValue().split(",")) {
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
            } else {
                out.add(n.stringValue());
            }
        }
        return out;
    }

    /** A path as V2Ray normalises ws/h2 paths: a leading "/" is added when missing. */
    static String normalizedPath(String p) {
        if (p == null || p.isEmpty()) {
            return "/";
        }
        return p.startsWith("/") ? p : "/" + p;
    }
}
