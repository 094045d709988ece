package dev.vtool.schema.diagnose;

/**
 * Remembers the verdicts of recent message texts. Logs repeat the very same text over and over
 * ({@code connection ends > context canceled}, {@code received request for tcp:popular.site:443}), and
 * looking one up costs a hash and a compare instead of a scan and regular expressions. A fixed table
 * (newer texts replace older ones in their slot) of short texts only: its memory is bounded.
 */
final class RecentVerdicts {
    static final int SLOTS = 4096;
    /**
     * Longer texts are rarely repeated verbatim; the cap bounds the table (at most 8 Mi chars). Retry
     * chains ("failed to process outbound traffic > ... > i/o timeout") run to a few hundred chars, repeat
     * as often as short texts and cost the most to match: they are kept.
     */
    static final int MAX_TEXT = 2048;

    private final KnowledgeBase.Lookup kb;
    private final String[] texts = new String[SLOTS];
    private final Verdict[] verdicts = new Verdict[SLOTS];

    RecentVerdicts(KnowledgeBase.Lookup kb) {
        this.kb = kb;
    }

    Verdict of(String text) {
        if (text.length() > MAX_TEXT) {
            return Verdict.of(kb, text);
        }
        int h = text.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String known = texts[slot];
        if (known != null && known.equals(text)) {
            return verdicts[slot];
        }
        Verdict v = Verdict.of(kb, text);
        texts[slot] = text;
        verdicts[slot] = v;
        return v;
    }
}
