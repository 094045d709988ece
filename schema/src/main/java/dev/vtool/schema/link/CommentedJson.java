package dev.vtool.schema.link;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small ordered JSON object whose members can carry a {@code //} comment, rendered the way the
 * tutorial writes configs (V2Ray reads // comments). Values: String, Number, Boolean, List, CommentedJson.
 */
public final class CommentedJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Member(String key, Object value, String comment) {
    }

    private final List<Member> members = new ArrayList<>();

    public CommentedJson put(String key, Object value) {
        return put(key, value, null);
    }

    /** Adds a member; a key already present is replaced where it stands. */
    public CommentedJson put(String key, Object value, String comment) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).key().equals(key)) {
                members.set(i, new Member(key, value, comment));
                return this;
            }
        }
        members.add(new Member(key, value, comment));
        return this;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        write(this, 0, out);
        return out.append('\n').toString();
    }

    private static void write(Object value, int indent, StringBuilder out) {
        if (value instanceof CommentedJson obj) {
            if (obj.members.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            for (int i = 0; i < obj.members.size(); i++) {
                Member m = obj.members.get(i);
                if (m.comment() != null) {
                    for (String line : m.comment().split("\n")) {
                        pad(indent + 1, out).append("// ").append(commentText(line)).append('\n');
                    }
                }
                pad(indent + 1, out).append(JSON.writeValueAsString(m.key())).append(": ");
                write(m.value(), indent + 1, out);
                out.append(i + 1 < obj.members.size() ? ",\n" : "\n");
            }
            pad(indent, out).append('}');
        } else if (value instanceof List<?> list) {
            boolean simple = list.stream().noneMatch(v -> v instanceof CommentedJson || v instanceof List);
            if (simple) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(JSON.writeValueAsString(list.get(i)));
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                pad(indent + 1, out);
                write(list.get(i), indent + 1, out);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            pad(indent, out).append(']');
        } else {
            out.append(JSON.writeValueAsString(value));
        }
    }

    /**
     * Comment text with control characters and Unicode line breaks turned into spaces: V2Ray ends a
     * {@code //} comment only at \n, but editors and other readers may end it at \r, \v, \f or U+2028,
     * and text taken from a share link must not look like config lines to anyone.
     */
    static String commentText(String line) {
        StringBuilder b = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean unsafe = c < 0x20 && c != '\t' || c == 0x7f || c == 0x85 || c == '\u2028' || c == '\u2029';
            if (unsafe && b == null) {
                b = new StringBuilder(line.length()).append(line, 0, i);
            }
            if (b != null) {
                b.append(unsafe ? ' ' : c);
            }
        }
        return b == null ? line : b.toString();
    }

    private static StringBuilder pad(int indent, StringBuilder out) {
        return out.append("  ".repeat(indent));
    }
}
