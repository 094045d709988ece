package dev.vtool.cli;

/**
 * Recognises UTF-16 text (what Notepad calls "Unicode"), with or without a byte-order mark, so the user
 * hears what is wrong instead of a puzzling syntax error about NUL bytes. A JSON config starts with ASCII
 * ({@code {}, spaces, comments), which UTF-16 stores as the byte and a zero next to it.
 */
final class Utf16Sniffer {
    private static final int SAMPLE = 512;

    private Utf16Sniffer() {
    }

    /** What to tell the user when the bytes look like UTF-16, else null. */
    static String describe(byte[] b) {
        boolean bomLe = b.length >= 2 && b[0] == (byte) 0xFF && b[1] == (byte) 0xFE;
        boolean bomBe = b.length >= 2 && b[0] == (byte) 0xFE && b[1] == (byte) 0xFF;
        if (bomLe || bomBe) {
            return "the file is UTF-16 (\"Unicode\" in Notepad); V2Ray reads UTF-8 only: save it as UTF-8";
        }
        int n = Math.min(b.length, SAMPLE) & ~1;
        if (n < 2) {
            return null;
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = 0; i < n; i += 2) {
            zeroEven += b[i] == 0 ? 1 : 0;
            zeroOdd += b[i + 1] == 0 ? 1 : 0;
        }
        int pairs = n / 2;
        boolean le = zeroOdd * 2 > pairs && zeroEven == 0;
        boolean be = zeroEven * 2 > pairs && zeroOdd == 0;
        if (!le && !be) {
            return null;
        }
        return "the file is UTF-16" + (le ? "LE" : "BE") + " without a byte-order mark (every other byte is 0;"
                + " \"Unicode\" in some editors); V2Ray reads UTF-8 only and fails with \"invalid character '\\x00'\":"
                + " save it as UTF-8";
    }
}
