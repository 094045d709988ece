package dev.vtool.schema.diagnose;

import java.util.regex.Pattern;

/**
 * Masks the variable parts of a message (ids, addresses, numbers, raw bytes) so that unrecognised
 * lines differing only in those group together.
 */
final class MessageShape {
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\\b");
    private static final Pattern IPV6_BRACKETED = Pattern.compile("\\[[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\\]");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b");
    private static final Pattern BYTES = Pattern.compile("(?:\\\\x[0-9a-fA-F]{2})+");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");

    private MessageShape() {
    }

    static String of(String text) {
        String s = UUID.matcher(text).replaceAll("<uuid>");
        s = IPV6_BRACKETED.matcher(s).replaceAll("<ip>");
        s = IPV4.matcher(s).replaceAll("<ip>");
        s = BYTES.matcher(s).replaceAll("<bytes>");
        s = HEX.matcher(s).replaceAll("<hex>");
        return NUMBER.matcher(s).replaceAll("<n>");
    }
}
