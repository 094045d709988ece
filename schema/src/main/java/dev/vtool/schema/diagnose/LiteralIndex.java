package dev.vtool.schema.diagnose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of many plain-text pieces occur in a line in one pass over the line (an Aho-Corasick
 * automaton over ASCII). Each knowledge-base pattern is guarded by the text its matches must contain
 * ({@link RequiredLiteral}); one scan tells which of the hundred-odd guards are present, so a line is
 * tried only against the few regular expressions that can match it instead of against every one.
 */
final class LiteralIndex {
    /** Marks a piece that cannot be indexed (empty or not ASCII): callers must always try its pattern. */
    static final int NONE = -1;

    private final Map<String, Integer> ids = new HashMap<>();
    /** Character class of each ASCII char (0: occurs in no piece; chars above ASCII are class 0 too). */
    private final int[] charClass = new int[128];
    private final int classes;
    /** Next state for (state, class), flattened: the automaton with its failure links resolved. */
    private final int[] next;
    /** The piece ids that end at each state (itself and through its suffixes), or null. */
    private final int[][] found;

    LiteralIndex(List<String> pieces) {
        int k = 1;
        for (String piece : pieces) {
            if (!indexable(piece) || ids.containsKey(piece)) {
                continue;
            }
            ids.put(piece, ids.size());
            for (int i = 0; i < piece.length(); i++) {
                char c = piece.charAt(i);
                if (charClass[c] == 0) {
                    charClass[c] = k++;
                }
            }
        }
        classes = k;
        // The trie: state 0 is the root; goto entries of -1 are filled in below.
        List<int[]> gotoRows = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        gotoRows.add(newRow());
        ends.add(new ArrayList<>());
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int s = 0;
            for (int i = 0; i < e.getKey().length(); i++) {
                int c = charClass[e.getKey().charAt(i)];
                if (gotoRows.get(s)[c] < 0) {
                    gotoRows.get(s)[c] = gotoRows.size();
                    gotoRows.add(newRow());
                    ends.add(new ArrayList<>());
                }
                s = gotoRows.get(s)[c];
            }
            ends.get(s).add(e.getValue());
        }
        int states = gotoRows.size();
        next = new int[states * classes];
        found = new int[states][];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int t = gotoRows.get(0)[c];
            next[c] = Math.max(t, 0);
            if (t > 0) {
                fail[t] = 0;
                queue.add(t);
            }
        }
        found[0] = null;
        while (!queue.isEmpty()) {
            int s = queue.poll();
            List<Integer> out = new ArrayList<>(ends.get(s));
            if (found[fail[s]] != null) {
                for (int id : found[fail[s]]) {
                    out.add(id);
                }
            }
            found[s] = out.isEmpty() ? null : out.stream().mapToInt(Integer::intValue).toArray();
            for (int c = 0; c < classes; c++) {
                int t = gotoRows.get(s)[c];
                if (t > 0) {
                    fail[t] = next[fail[s] * classes + c];
                    next[s * classes + c] = t;
                    queue.add(t);
                } else {
                    next[s * classes + c] = next[fail[s] * classes + c];
                }
            }
        }
    }

    private int[] newRow() {
        int[] row = new int[classes];
        Arrays.fill(row, -1);
        return row;
    }

    private static boolean indexable(String piece) {
        if (piece == null || piece.isEmpty()) {
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
    int id(String piece) {
        Integer id = piece == null ? null : ids.get(piece);
        return id == null ? NONE : id;
    }

    /** Scratch space for one thread's scans. */
    Hits newHits() {
        return new Hits(ids.size());
    }

    /** Records in {@code hits} every indexed piece the text contains (forgetting the previous scan). */
    void scan(String text, Hits hits) {
        hits.reset();
        int[] cls = charClass;
        int[] delta = next;
        int k = classes;
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            s = delta[s * k + (c < 128 ? cls[c] : 0)];
            int[] ids = found[s];
            if (ids != null) {
                hits.mark(ids);
            }
        }
    }

    /** Which pieces the last scan found; reset in O(1) by moving to a new generation. */
    static final class Hits {
        private final int[] seenIn;
        private int generation;

        private Hits(int size) {
            seenIn = new int[size];
        }

        private void reset() {
            if (++generation == Integer.MAX_VALUE) {
                Arrays.fill(seenIn, 0);
                generation = 1;
            }
        }

        private void mark(int[] ids) {
            for (int id : ids) {
                seenIn[id] = generation;
            }
        }

        /** True if the piece occurred (an unindexed piece, {@link #NONE}, counts as possibly present). */
        boolean has(int id) {
            return id == NONE || seenIn[id] == generation;
        }
    }
}
