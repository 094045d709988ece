package dev.vtool.schema.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A light pass over raw config text that knows strings and comments (as V2Ray's reader strips them).
 * Used only to explain syntax errors: which characters are comments, which bracket is still open.
 */
final class SourceScan {
    private final String text;
    private final boolean[] insignificant;
    private int unterminatedCommentStart = -1;

    SourceScan(String text) {
        this.text = text;
        this.insignificant = new boolean[text.length()];
        scan();
    }

    private void scan() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                i++;
                while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/' || c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    insignificant[i++] = true;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    unterminatedCommentStart = i;
                    end = n - 2;
                }
                for (int k = i; k < Math.min(n, end + 2); k++) {
                    insignificant[k] = true;
                }
                i = end + 2;
            } else {
                if (Character.isWhitespace(c)) {
                    insignificant[i] = true;
                }
                i++;
            }
        }
    }

    /** Offset of a "/*" that is never closed, or -1. */
    int unterminatedCommentStart() {
        return unterminatedCommentStart;
    }

    /** The offset of the last significant character before {@code offset}, or -1. */
    int previousSignificant(int offset) {
        for (int i = Math.min(offset, text.length()) - 1; i >= 0; i--) {
            if (!insignificant[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Offset of the innermost '{' or '[' still open at {@code offset} (outside strings/comments), or -1. */
    int innermostOpenBracket(int offset) {
        Deque<Integer> open = new ArrayDeque<>();
        int n = Math.min(offset, text.length());
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (insignificant[i]) {
                continue;
            }
            if (c == '"') {
                i++;
                while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '{' || c == '[') {
                open.push(i);
            } else if ((c == '}' || c == ']') && !open.isEmpty()) {
                open.pop();
            }
        }
        return open.isEmpty() ? -1 : open.peek();
    }
}
