package dev.vtool.schema.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A config as the formatter sees it: values with their exact source text, and every comment attached to
 * the member or element it stands before ({@code leading}), on the same line after ({@code trailing}),
 * on the line of an opening bracket ({@code open}) or before a closing one ({@code dangling}).
 */
final class JsoncTree {
    private JsoncTree() {
    }

    /** One comment, verbatim; {@code blankBefore}: an empty line preceded it in the source. */
    record Comment(String text, boolean block, boolean blankBefore) {
    }

    sealed interface Value permits Scalar, Container {
    }

    /** A string, number, true, false or null, exactly as written. */
    record Scalar(String raw) implements Value {
    }

    /** An object (items with keys) or an array (items without). */
    static final class Container implements Value {
        final boolean object;
        final List<Item> items = new ArrayList<>();
        final List<Comment> open = new ArrayList<>();
        final List<Comment> dangling = new ArrayList<>();

        Container(boolean object) {
            this.object = object;
        }

        boolean hasComments() {
            return !open.isEmpty() || !dangling.isEmpty()
                    || items.stream().anyMatch(i -> !i.leading.isEmpty() || !i.trailing.isEmpty());
        }
    }

    /** A member of an object (rawKey set) or an element of an array (rawKey null). */
    static final class Item {
        final List<Comment> leading = new ArrayList<>();
        final List<Comment> trailing = new ArrayList<>();
        boolean blankBefore;
        String rawKey;
        Value value;

        /** The key without quotes (escapes left as written), for ordering. */
        String key() {
            return rawKey == null ? null : rawKey.substring(1, rawKey.length() - 1);
        }
    }

    /** The whole file: comments before the root value, the root, comments after it. */
    record Document(List<Comment> leading, Value root, List<Comment> trailing) {
    }
}
