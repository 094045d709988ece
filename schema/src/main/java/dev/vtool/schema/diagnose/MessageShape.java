package dev.vtool.schema.diagnose;

import java.util.regex.Pattern;

/**
 * Masks the variable parts of a message (ids, addresses, numbers, raw bytes) so that unrecognised
 * lines differing only in those group together.
 */
final class MessageShape {
    static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\\b");
    static final Pattern IPV6_BRACKETED = Pattern.compile("\\[[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\\]");
    static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b");
    static final Pattern BYTES = Pattern.compile("(?:\\\\x[0-9a-fA-F]{2})+");
    static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");

    private MessageShape() {
    }

    /**
     * The masked text. Each regex runs only when the text holds what it needs (a run of eight hex
     * digits, a bracket and a colon, digit-dot-digit, backslash-x, 0x), and numbers in ASCII text are
     * masked by hand: unrecognised lines can be millions, and six regex passes per line cost more than
     * all the matching.
     */
    static String of(String text) {
        String s = text;
        if (hasHexRun(s, 8)) {
            s = UUID.matcher(s).replaceAll("<uuid>");
        }
        if (s.indexOf('[') >= 0 && s.indexOf(':') >= 0) {
            s = IPV6_BRACKETED.matcher(s).replaceAll("<ip>");
        }
        if (hasDigitDotDigit(s)) {
            s = IPV4.matcher(s).replaceAll("<ip>");
        }
        if (s.contains("\\x")) {
            s = BYTES.matcher(s).replaceAll("<bytes>");
        }
        if (s.contains("0x")) {
            s = HEX.matcher(s).replaceAll("<hex>");
        }
        return isAscii(s) ? maskAsciiNumbers(s) : NUMBER.matcher(s).replaceAll("<n>");
    }

    /** NUMBER ({@code \b\d+\b}) for ASCII text, where a word character is a letter, digit or '_'. */
    static String maskAsciiNumbers(String s) {
        StringBuilder out = null;
        int copied = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!digit(s.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < n && digit(s.charAt(end))) {
                end++;
            }
            if ((i == 0 || !word(s.charAt(i - 1))) && (end == n || !word(s.charAt(end)))) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(s, copied, i).append("<n>");
                copied = end;
            }
            i = end;
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    private static boolean hasHexRun(String s, int length) {
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            run = digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' ? run + 1 : 0;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigitDotDigit(String s) {
        for (int i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
            if (i > 0 && i + 1 < s.length() && digit(s.charAt(i - 1)) && digit(s.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean word(char c) {
        return digit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }
}
