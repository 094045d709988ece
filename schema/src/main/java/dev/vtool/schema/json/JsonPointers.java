package dev.vtool.schema.json;

/** RFC 6901 JSON Pointers as plain strings: "" is the root, "/inbounds/0/port" a value. */
public final class JsonPointers {
    private JsonPointers() {
    }

    public static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }

    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** The last segment, unescaped ("" for the root). */
    public static String lastSegment(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash < 0 ? "" : pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    }

    /** The unescaped segments of a pointer (none for the root). */
    public static java.util.List<String> segments(String pointer) {
        if (pointer.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    /** The array index a segment names ("0", "17"; no sign, no leading zero), or -1. */
    public static int index(String seg) {
        if (seg.isEmpty() || seg.length() > 9 || seg.length() > 1 && seg.charAt(0) == '0') {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A readable path for messages: {@code inbounds[0].settings.clients[1].id}. */
    public static String toDisplayPath(String pointer) {
        if (pointer.isEmpty()) {
            return "(top level)";
        }
        StringBuilder out = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String seg = raw.replace("~1", "/").replace("~0", "~");
            if (!seg.isEmpty() && seg.chars().allMatch(Character::isDigit)) {
                out.append('[').append(seg).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(seg);
            }
        }
        return out.toString();
    }
}
