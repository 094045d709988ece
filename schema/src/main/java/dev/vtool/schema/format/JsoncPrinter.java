package dev.vtool.schema.format;

import dev.vtool.schema.format.JsoncTree.Comment;
import dev.vtool.schema.format.JsoncTree.Container;
import dev.vtool.schema.format.JsoncTree.Document;
import dev.vtool.schema.format.JsoncTree.Item;
import dev.vtool.schema.format.JsoncTree.Scalar;
import dev.vtool.schema.format.JsoncTree.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a {@link JsoncTree.Document} in the one canonical layout: one member per line, {@code "key": value},
 * no trailing commas, short arrays of plain values on one line, at most one empty line kept between
 * members, every comment where it was relative to its member. Only whitespace and commas change, so the
 * output reads as the same config.
 */
final class JsoncPrinter {
    /** Arrays of plain values up to this many characters stay on one line. */
    static final int INLINE_ARRAY_WIDTH = 80;

    private final StringBuilder out = new StringBuilder();
    private final String unit;

    private JsoncPrinter(int indent) {
        this.unit = " ".repeat(indent);
    }

    static String print(Document doc, int indent) {
        JsoncPrinter p = new JsoncPrinter(indent);
        boolean first = true;
        for (Comment c : doc.leading()) {
            p.ownLine(c, 0, !first);
            first = false;
        }
        p.value(doc.root(), 0);
        p.out.append('\n');
        for (Comment c : doc.trailing()) {
            p.ownLine(c, 0, true);
        }
        return p.out.toString();
    }

    private void indent(int level) {
        out.append(unit.repeat(level));
    }

    /** A comment on a line of its own (an empty line before it if it had one and may have one here). */
    private void ownLine(Comment c, int level, boolean blankAllowed) {
        if (c.blankBefore() && blankAllowed) {
            out.append('\n');
        }
        indent(level);
        out.append(c.text()).append('\n');
    }

    private void value(Value v, int level) {
        if (v instanceof Scalar s) {
            out.append(s.raw());
            return;
        }
        Container c = (Container) v;
        String open = c.object ? "{" : "[";
        String close = c.object ? "}" : "]";
        if (c.items.isEmpty() && !c.hasComments()) {
            out.append(open).append(close);
            return;
        }
        String inline = inline(c);
        if (inline != null) {
            out.append(inline);
            return;
        }
        out.append(open);
        trailing(c.open);
        out.append('\n');
        boolean first = true;
        for (int i = 0; i < c.items.size(); i++) {
            Item item = c.items.get(i);
            for (Comment lc : item.leading) {
                ownLine(lc, level + 1, !first);
                first = false;
            }
            if (item.blankBefore && !first) {
                out.append('\n');
            }
            first = false;
            indent(level + 1);
            if (item.rawKey != null) {
                out.append(item.rawKey).append(": ");
            }
            value(item.value, level + 1);
            if (i < c.items.size() - 1) {
                out.append(',');
            }
            trailing(item.trailing);
            out.append('\n');
        }
        for (Comment dc : c.dangling) {
            ownLine(dc, level + 1, !first);
            first = false;
        }
        indent(level);
        out.append(close);
    }

    /** Comments after code on the same line: block comments first, so a line comment cannot swallow them. */
    private void trailing(List<Comment> comments) {
        List<Comment> ordered = new ArrayList<>(comments.stream().filter(Comment::block).toList());
        ordered.addAll(comments.stream().filter(c -> !c.block()).toList());
        for (Comment c : ordered) {
            out.append(' ').append(c.text());
        }
    }

    /** The one-line form of an array of plain values, or null when it must be laid out on lines. */
    private static String inline(Container c) {
        if (c.object || c.hasComments() || c.items.stream().anyMatch(i -> i.blankBefore || !(i.value instanceof Scalar))) {
            return null;
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < c.items.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(((Scalar) c.items.get(i).value).raw());
        }
        b.append(']');
        return b.length() <= INLINE_ARRAY_WIDTH ? b.toString() : null;
    }
}
