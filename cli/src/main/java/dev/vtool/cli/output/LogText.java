package dev.vtool.cli.output;

/**
 * Makes text taken from a log safe to print on a terminal: a log quotes whatever a client sent, so a
 * raw ESC, CSI or carriage return could otherwise move the cursor, recolour or rewrite the report.
 * Control characters (C0 except tab, DEL, C1), Unicode line separators and bidirectional overrides are
 * shown as {@code \xNN}, or as a backslash and {@code u{NNNN}}; everything else is printed as is.
 */
public final class LogText {
    private LogText() {
    }

    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c < 0x100) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                out.append("\\u{").append(Integer.toHexString(c)).append('}');
            }
        }
        return out.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 && c != '\t'
                || c >= 0x7f && c <= 0x9f
                || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2066' && c <= '\u2069';
    }
}
