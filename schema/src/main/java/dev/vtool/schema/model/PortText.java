package dev.vtool.schema.model;

/** Parses {@code "1080"} and {@code "1000-2000"} like V2Ray's port range decoder. */
final class PortText {
    private PortText() {
    }

    /** The range, or null when the text is not a valid port or range. */
    static PortRange parseRange(String text) {
        int dash = text.indexOf('-');
        int from = parsePort(dash < 0 ? text : text.substring(0, dash));
        int to = dash < 0 ? from : parsePort(text.substring(dash + 1));
        if (from < 0 || to < 0 || from > to) {
            return null;
        }
        return new PortRange(from, to);
    }

    private static int parsePort(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int v = Integer.parseInt(s);
        return v <= 65535 ? v : -1;
    }
}
