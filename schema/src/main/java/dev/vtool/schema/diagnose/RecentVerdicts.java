package dev.vtool.schema.diagnose;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Remembers the verdicts of recent message texts, keyed by their UTF-8 bytes. Logs repeat the very same
 * text over and over ({@code connection ends > context canceled}, {@code received request for
 * tcp:popular.site:443}), and looking one up costs a hash and a compare of bytes still in the reader's
 * buffer instead of a String, a scan and regular expressions. A fixed table (newer texts replace older
 * ones in their slot) of short texts only: its memory is bounded. The verdict depends on the text
 * alone, and equal bytes are an equal text, so a remembered verdict is the one a fresh match would give.
 */
final class RecentVerdicts {
    static final int SLOTS = 4096;
    /**
     * Longer texts are rarely repeated verbatim; the cap bounds the table (at most 8 MiB). Retry chains
     * ("failed to process outbound traffic > ... > i/o timeout") run to a few hundred bytes, repeat as
     * often as short texts and cost the most to match: they are kept.
     */
    static final int MAX_TEXT = 2048;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final KnowledgeBase.Lookup kb;
    private final byte[][] texts = new byte[SLOTS][];
    private final int[] hashes = new int[SLOTS];
    private final Verdict[] verdicts = new Verdict[SLOTS];

    RecentVerdicts(KnowledgeBase.Lookup kb) {
        this.kb = kb;
    }

    /** The verdict on the line's message text. */
    Verdict of(LineView line) {
        if (!line.hasBytes()) {
            String text = line.text();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return of(bytes, 0, bytes.length, text, null);
        }
        return of(line.textBytes(), line.textFrom(), line.textTo(), null, line);
    }

    /** The verdict on the text in {@code b[from, to)}, which is {@code text} or else {@code line}'s text. */
    private Verdict of(byte[] b, int from, int to, String text, LineView line) {
        int n = to - from;
        if (n > MAX_TEXT) {
            return Verdict.of(kb, text != null ? text : line.text());
        }
        int h = hash(b, from, to);
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] known = texts[slot];
        if (known != null && hashes[slot] == h && known.length == n && Arrays.equals(known, 0, n, b, from, to)) {
            return verdicts[slot];
        }
        Verdict v = Verdict.of(kb, text != null ? text : line.text());
        texts[slot] = Arrays.copyOfRange(b, from, to);
        hashes[slot] = h;
        verdicts[slot] = v;
        return v;
    }

    /** A hash of the bytes, eight at a time (one multiply per word). */
    static int hash(byte[] b, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L, 29);
        }
        for (; i < to; i++) {
            h = (h ^ b[i]) * 0x100000001B3L;
        }
        h ^= h >>> 32;
        return (int) (h * 0x9E3779B97F4A7C15L >>> 32);
    }
}
