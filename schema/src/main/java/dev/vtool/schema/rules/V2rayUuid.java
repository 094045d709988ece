package dev.vtool.schema.rules;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Parses a user id exactly as V2Ray 4.34 ({@code common/uuid}) does, so vtool predicts what
 * {@code v2ray} accepts: at least 32 bytes; five hex groups of 8-4-4-4-12 digits, each optionally
 * preceded by one {@code -}; anything after the 32nd digit is ignored. Go slices the text past its end
 * where the allocation allows it: short groups then read zero bytes ({@code invalid byte: U+0000}),
 * and with exactly 32 bytes plus dashes the slice runs past the capacity and V2Ray crashes.
 */
final class V2rayUuid {
    private static final int[] GROUPS = {8, 4, 4, 4, 12};
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private V2rayUuid() {
    }

    enum Outcome { OK, REJECTED, CRASH }

    /** What V2Ray makes of the text; {@code error} is V2Ray's own wording when not OK. */
    record Result(Outcome outcome, String error, byte[] bytes) {
        boolean ok() {
            return outcome == Outcome.OK;
        }
    }

    static Result parse(String id) {
        byte[] text = id.getBytes(StandardCharsets.UTF_8);
        if (text.length < 32) {
            return new Result(Outcome.REJECTED, "invalid UUID: " + id, null);
        }
        byte[] out = new byte[16];
        int pos = 0;
        int outPos = 0;
        for (int group : GROUPS) {
            if (text[pos] == '-') {
                pos++;
            }
            if (text.length == 32 && pos + group > text.length) {
                // A 32-byte Go slice has no spare capacity: text[:group] panics.
                return new Result(Outcome.CRASH, "panic: runtime error: slice bounds out of range [:" + group
                        + "] with capacity " + (text.length - pos), null);
            }
            for (int i = 0; i < group; i += 2) {
                int hi = byteAt(text, pos + i);
                int lo = byteAt(text, pos + i + 1);
                if (hex(hi) < 0) {
                    return invalidByte(hi);
                }
                if (hex(lo) < 0) {
                    return invalidByte(lo);
                }
                out[outPos++] = (byte) (hex(hi) << 4 | hex(lo));
            }
            pos += group;
        }
        return new Result(Outcome.OK, null, out);
    }

    /** True for the usual lower-case 8-4-4-4-12 form with nothing around it. */
    static boolean isCanonical(String id) {
        return CANONICAL.matcher(id).matches();
    }

    /** The canonical spelling of parsed bytes. */
    static String format(byte[] b) {
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return s.toString();
    }

    /** Bytes past the end read as zero, like Go's zeroed spare capacity. */
    private static int byteAt(byte[] text, int i) {
        return i < text.length ? text[i] & 0xFF : 0;
    }

    private static int hex(int c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }

    /** Go's hex.InvalidByteError text: {@code encoding/hex: invalid byte: U+007B '{'}. */
    private static Result invalidByte(int b) {
        String code = String.format("U+%04X", b);
        String shown = b >= 0x20 && b != 0x7F && !(b >= 0x80 && b < 0xA0) ? " '" + (char) b + "'" : "";
        return new Result(Outcome.REJECTED, "encoding/hex: invalid byte: " + code + shown, null);
    }
}
