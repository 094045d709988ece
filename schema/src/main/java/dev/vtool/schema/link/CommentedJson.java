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

    public CommentedJson put(String key, Object value, String comment) {
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
                        pad(indent + 1, out).append("// ").append(line).append('\n');
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

    private static StringBuilder pad(int indent, StringBuilder out) {
        return out.append("  ".repeat(indent));
    }
}
