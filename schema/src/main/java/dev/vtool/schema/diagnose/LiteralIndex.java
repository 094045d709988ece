package dev.vtool.schema.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells in one pass over a line which of many plain-text pieces it may contain. Each knowledge-base
 * pattern is guarded by the text its matches must contain ({@link RequiredLiteral}); knowing which of
 * the hundred-odd guards may be present, a line is tried only against the few regular expressions that
 * can match it instead of against every one.
 *
 * <p>Each piece is represented by one four-character fragment of it, the one rarest in real log lines
 * (the knowledge base's examples); the scan slides a four-character window over the line and looks
 * it up in a small bit table that stays in the CPU cache (a full automaton over all pieces did not,
 * and cost more than it saved). A piece of a {@code (?i)} pattern is entered in every ASCII case
 * spelling of its fragment. "May contain" only adds candidates: the regex decides.
 */
final class LiteralIndex {
    /** Marks a piece that cannot be indexed (shorter than a fragment, or not ASCII): always try it. */
    static final int NONE = -1;
    private static final int FRAGMENT = 4;
    private static final int TABLE_BITS = 16;

    private final Map<String, Integer> ids = new LinkedHashMap<>();
    /** One bit per hash of a fragment: most windows are ruled out by this table alone. */
    private final long[] maybe = new long[(1 << TABLE_BITS) / 64];
    /**
     * Fragment (four ASCII bytes in an int; 0 marks a free slot, no fragment is 0) to the pieces it
     * stands for: an open-addressing table, probed only when the bit table lets a window through.
     */
    private final int[] fragments;
    private final int[][] piecesOf;

    /**
     * @param pieceList pieces compared case-sensitively
     * @param anyCase   pieces compared ignoring ASCII case
     * @param corpus    real log lines, to pick the fragment of each piece that occurs least in them
     */
    LiteralIndex(List<String> pieceList, List<String> anyCase, List<String> corpus) {
        Map<Integer, Integer> frequency = new HashMap<>();
        for (String line : corpus) {
            forEachWindow(line, w -> frequency.merge(w, 1, Integer::sum));
        }
        Map<Integer, List<Integer>> byFragment = new HashMap<>();
        List<String> all = new ArrayList<>(pieceList);
        anyCase.forEach(p -> all.add(ANY_CASE + p));
        for (String key : all) {
            boolean ignoreCase = key.startsWith(ANY_CASE);
            String piece = ignoreCase ? key.substring(ANY_CASE.length()) : key;
            if (!indexable(piece) || ids.containsKey(key)) {
                continue;
            }
            int id = ids.size();
            ids.put(key, id);
            int best = 0;
            int bestCount = Integer.MAX_VALUE;
            for (int i = 0; i + FRAGMENT <= piece.length(); i++) {
                int w = window(piece, i);
                int count = frequency.getOrDefault(w, 0);
                if (count < bestCount) {
                    best = w;
                    bestCount = count;
                }
            }
            for (int w : ignoreCase ? spellings(best) : new int[] {best}) {
                byFragment.computeIfAbsent(w, k -> new ArrayList<>()).add(id);
            }
        }
        int slots = Integer.highestOneBit(Math.max(16, byFragment.size() * 4)) * 2;
        fragments = new int[slots];
        piecesOf = new int[slots][];
        byFragment.forEach((w, list) -> {
            int slot = hash(w) & (slots - 1);
            while (fragments[slot] != 0) {
                slot = (slot + 1) & (slots - 1);
            }
            fragments[slot] = w;
            piecesOf[slot] = list.stream().mapToInt(Integer::intValue).toArray();
            int h = hash(w);
            maybe[h >>> 6] |= 1L << h;
        });
    }

    /** Key prefix of a case-insensitive piece in {@link #ids} (a char no piece has: pieces are ASCII). */
    private static final String ANY_CASE = "\u0100";

    /** Every ASCII upper/lower-case spelling of a fragment. */
    private static int[] spellings(int window) {
        List<Integer> out = new ArrayList<>();
        out.add(0);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (window >>> shift) & 0xff;
            List<Integer> next = new ArrayList<>();
            for (int prefix : out) {
                next.add(prefix << 8 | c);
                int other = c >= 'a' && c <= 'z' ? c - 32 : c >= 'A' && c <= 'Z' ? c + 32 : -1;
                if (other >= 0) {
                    next.add(prefix << 8 | other);
                }
            }
            out = next;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean indexable(String piece) {
        if (piece == null || piece.length() < FRAGMENT) {
            return false;
        }
        for (int i = 0; i < piece.length(); i++) {
            if (piece.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** The id of a piece given to the constructor, or {@link #NONE} when it is not indexed. */
    int id(String piece, boolean ignoreCase) {
        Integer id = piece == null ? null : ids.get(ignoreCase ? ANY_CASE + piece : piece);
        return id == null ? NONE : id;
    }

    /** Number of ids handed out (they run from 0). */
    int size() {
        return ids.size();
    }

    /** Scratch space for one thread's scans. */
    Hits newHits() {
        return new Hits(ids.size());
    }

    /** Records in {@code hits} every piece the text may contain (forgetting the previous scan). */
    void scan(String text, Hits hits) {
        hits.reset();
        long[] table = maybe;
        int w = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            w = (w << 8) | fold(text.charAt(i));
            if (i >= FRAGMENT - 1) {
                int h = hash(w);
                if ((table[h >>> 6] & (1L << h)) != 0) {
                    int[] found = piecesOf(w);
                    if (found != null) {
                        hits.mark(found);
                    }
                }
            }
        }
    }

    private int[] piecesOf(int window) {
        int mask = fragments.length - 1;
        for (int slot = hash(window) & mask; fragments[slot] != 0; slot = (slot + 1) & mask) {
            if (fragments[slot] == window) {
                return piecesOf[slot];
            }
        }
        return null;
    }

    private interface WindowConsumer {
        void accept(int window);
    }

    private static void forEachWindow(String text, WindowConsumer consumer) {
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            w = (w << 8) | fold(text.charAt(i));
            if (i >= FRAGMENT - 1) {
                consumer.accept(w);
            }
        }
    }

    private static int window(String s, int from) {
        int w = 0;
        for (int i = from; i < from + FRAGMENT; i++) {
            w = (w << 8) | fold(s.charAt(i));
        }
        return w;
    }

    /** The char as a byte of a window; anything not ASCII becomes a byte no fragment has. */
    private static int fold(char c) {
        return c < 128 ? c : 0xff;
    }

    private static int hash(int window) {
        return (window * 0x9E3779B1) >>> (32 - TABLE_BITS);
    }

    /** Which pieces the last scan found; reset in O(1) by moving to a new generation. */
    static final class Hits {
        private final int[] seenIn;
        private final int[] found;
        private int count;
        private int generation;

        private Hits(int size) {
            seenIn = new int[size];
            found = new int[size];
        }

        private void reset() {
            count = 0;
            if (++generation == Integer.MAX_VALUE) {
                Arrays.fill(seenIn, 0);
                generation = 1;
            }
        }

        private void mark(int[] ids) {
            for (int id : ids) {
                if (seenIn[id] != generation) {
                    seenIn[id] = generation;
                    found[count++] = id;
                }
            }
        }

        /** Number of distinct pieces the last scan found. */
        int count() {
            return count;
        }

        /** The k-th piece the last scan found. */
        int get(int k) {
            return found[k];
        }
    }
}
