package dev.vtool.schema.text;

/**
 * Makes text from an input safe to print on a terminal or in a CI log: every control character (C0, DEL,
 * C1, and the Unicode line separators and bidirectional overrides that reorder what a reader sees) becomes a
 * visible escape such as {@code \x1b} or {@code \u202e}. A config or log line could otherwise move the
 * cursor, recolour or hide text, or rewrite the terminal's title. Every text output goes through
 * {@link #escape}; JSON and SARIF escape control characters by construction.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code s} with each control character replaced by its escape ({@link #escapeOf}); tabs and newlines too. */
    public static String escape(CharSequence s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s.toString();
        }
        StringBuilder out = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            out.append(isControl(c) ? escapeOf(c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** True for characters that must not reach a terminal as they are. */
    public static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f
                || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
    }

    /** The visible form of one control character: {@code \t}, {@code \n}, {@code \r}, {@code \x1b}, {@code \u202e}. */
    public static String escapeOf(char c) {
        switch (c) {
            case '\t':
                return "\\t";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            default:
                return c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        }
    }
}
