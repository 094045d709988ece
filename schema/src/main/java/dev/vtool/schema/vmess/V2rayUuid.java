package dev.vtool.schema.vmess;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User ids as V2Ray 4.34 reads them ({@code common/uuid}): at least 32 bytes; five hex groups 8-4-4-4-12,
 * each optionally preceded by one {@code -}; anything after the last group ignored. The Go code slices
 * past the end of the text into its spare capacity, which gives two odd outcomes modelled here: a short
 * last group reads zero bytes ({@code invalid byte: U+0000}), and a 32-byte text with a skipped dash runs
 * off its 32-byte buffer and crashes v2ray.
 */
public final class V2rayUuid {
    private static final int[] GROUPS = {8, 4, 4, 4, 12};
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String CRASH_NOTE = " (v2ray crashes, exit 2)";

    /** How 4.34 reacts to an id string. */
    public enum Outcome { OK, REJECTED, CRASH }

    /**
     * The verdict on one string: the 16 bytes when accepted, otherwise the error V2Ray prints (for a crash,
     * the Go panic line).
     *
     * @param ignoredSuffix text after the 32nd hex digit that V2Ray silently ignores ("" if none)
     */
    public record Parse(Outcome outcome, byte[] bytes, String error, String ignoredSuffix) {
        public boolean ok() {
            return outcome == Outcome.OK;
        }

        /** The error, with a note that v2ray exits 2 when it is a crash rather than a rejection. */
        public String errorWithOutcome() {
            return outcome == Outcome.CRASH ? error + CRASH_NOTE : error;
        }

        /** The canonical lower-case 8-4-4-4-12 form (only when ok). */
        public String canonical() {
            return format(bytes);
        }
    }

    private V2rayUuid() {
    }

    public static Parse parse(String id) {
        byte[] text = id.getBytes(StandardCharsets.UTF_8);
        if (text.length < 32) {
            return new Parse(Outcome.REJECTED, null, "invalid UUID: " + id, "");
        }
        // []byte(str) of up to 32 bytes lives in a 32-byte buffer; longer ones get a Go size class.
        // Bytes between the length and the capacity are zero.
        byte[] buffer = Arrays.copyOf(text, goCapacity(text.length));
        byte[] out = new byte[16];
        int pos = 0;
        int outPos = 0;
        for (int group : GROUPS) {
            if (pos >= text.length) {
                return new Parse(Outcome.CRASH, null,
                        "panic: runtime error: index out of range", "");
            }
            if (text[pos] == '-') {
                pos++;
            }
            if (pos + group > buffer.length) {
                return new Parse(Outcome.CRASH, null, "panic: runtime error: slice bounds out of range [:"
                        + group + "] with capacity " + (buffer.length - pos), "");
            }
            for (int i = 0; i < group; i += 2) {
                int hi = hexValue(buffer[pos + i]);
                if (hi < 0) {
                    return invalidByte(buffer[pos + i]);
                }
                int lo = hexValue(buffer[pos + i + 1]);
                if (lo < 0) {
                    return invalidByte(buffer[pos + i + 1]);
                }
                out[outPos++] = (byte) (hi << 4 | lo);
            }
            pos += group;
        }
        String rest = pos < text.length ? new String(text, pos, text.length - pos, StandardCharsets.UTF_8) : "";
        return new Parse(Outcome.OK, out, null, rest);
    }

    /** The 16 bytes 4.34 would use, or null when it rejects (or crashes on) the id. */
    public static byte[] bytesOrNull(String id) {
        Parse p = parse(id);
        return p.ok() ? p.bytes() : null;
    }

    /** Same 16 bytes, i.e. V2Ray treats the two ids as the same user. */
    public static boolean sameId(String a, String b) {
        byte[] x = bytesOrNull(a);
        byte[] y = bytesOrNull(b);
        return x != null && y != null && Arrays.equals(x, y);
    }

    /** True for the usual lower-case 8-4-4-4-12 form with nothing around it. */
    public static boolean isCanonical(String id) {
        return CANONICAL.matcher(id).matches();
    }

    /** The canonical spelling of 16 id bytes. */
    public static String format(byte[] b) {
        String hex = HexFormat.of().formatHex(b);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** A random version-4 UUID in canonical form. */
    public static String randomV4() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) (b[6] & 0x0f | 0x40);
        b[8] = (byte) (b[8] & 0x3f | 0x80);
        return format(b);
    }

    /**
     * The name-based (version 5, SHA-1) UUID of {@code name} in the nil namespace: what Xray uses for an
     * id that is not a UUID (Xray maps only 1 to 30 bytes; V2Ray 4.34 maps nothing).
     */
    public static String nameBasedV5(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(new byte[16]);
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            byte[] b = Arrays.copyOf(h, 16);
            b[6] = (byte) (b[6] & 0x0f | 0x50);
            b[8] = (byte) (b[8] & 0x3f | 0x80);
            return format(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
    }

    private static Parse invalidByte(byte b) {
        int c = b & 0xff;
        String shown = c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0xa0) && c != 0xad ? " '" + (char) c + "'" : "";
        return new Parse(Outcome.REJECTED, null,
                "encoding/hex: invalid byte: U+" + String.format(Locale.ROOT, "%04X", c) + shown, "");
    }

    private static int hexValue(byte b) {
        int c = b & 0xff;
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Capacity Go gives []byte(s): a 32-byte temporary for short strings, else the malloc size class. */
    static int goCapacity(int length) {
        if (length <= 32) {
            return 32;
        }
        if (length <= 48) {
            return 48;
        }
        if (length <= 256) {
            return (length + 15) / 16 * 16;
        }
        return length; // never reached by a meaningful id: the groups end long before
    }
}
