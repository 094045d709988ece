package dev.vtool.schema.diagnose;

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

    /**
     * A hash of the bytes: two interleaved polynomial hashes, so the multiplications of one do not wait
     * for the other's; plain byte reads, cheap even before the optimising compiler has run.
     */
    static int hash(byte[] b, int from, int to) {
        int h1 = to - from;
        int h2 = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            h1 = 31 * h1 + b[i];
            h2 = 31 * h2 + b[i + 1];
        }
        if (i < to) {
            h1 = 31 * h1 + b[i];
        }
        return h1 * 0x9E3779B1 + h2;
    }
}
