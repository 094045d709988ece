package dev.vtool.engine.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aho–Corasick over all keyword (substring) patterns of a rule set: one pass over a domain finds every
 * keyword it contains, instead of one {@code contains} per keyword.
 */
final class KeywordAutomaton {
    private static final int[] NONE = new int[0];
    /** Per node: its children's characters, sorted, and the children at the same positions. */
    private final char[][] keys;
    private final int[][] children;
    private final int[] fail;
    /** Per node: the ids of the keywords ending exactly here. */
    private final int[][] out;
    /** Per node: the nearest node on its failure chain with ids of its own, or -1. */
    private final int[] outLink;
    private final boolean empty;

    /** @param keywords keyword → ids (ascending) of the patterns that are this keyword */
    KeywordAutomaton(Map<String, int[]> keywords) {
        List<TreeMap<Character, Integer>> trie = new ArrayList<>();
        List<int[]> ids = new ArrayList<>();
        trie.add(new TreeMap<>());
        ids.add(NONE);
        for (Map.Entry<String, int[]> k : keywords.entrySet()) {
            int node = 0;
            for (char ch : k.getKey().toCharArray()) {
                Integer next = trie.get(node).get(ch);
                if (next == null) {
                    next = trie.size();
                    trie.add(new TreeMap<>());
                    ids.add(NONE);
                    trie.get(node).put(ch, next);
                }
                node = next;
            }
            ids.set(node, k.getValue());
        }
        int n = trie.size();
        keys = new char[n][];
        children = new int[n][];
        out = ids.toArray(new int[0][]);
        for (int i = 0; i < n; i++) {
            TreeMap<Character, Integer> t = trie.get(i);
            keys[i] = new char[t.size()];
            children[i] = new int[t.size()];
            int j = 0;
            for (Map.Entry<Character, Integer> e : t.entrySet()) {
                keys[i][j] = e.getKey();
                children[i][j++] = e.getValue();
            }
        }
        fail = new int[n];
        outLink = new int[n];
        Arrays.fill(outLink, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c : children[0]) {
            queue.add(c);
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int j = 0; j < keys[u].length; j++) {
                int v = children[u][j];
                int f = fail[u];
                int to;
                while ((to = step(f, keys[u][j])) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[v] = to < 0 || to == v ? 0 : to;
                outLink[v] = out[fail[v]].length > 0 ? fail[v] : outLink[fail[v]];
                queue.add(v);
            }
        }
        empty = keywords.isEmpty();
    }

    private int step(int node, char ch) {
        int i = Arrays.binarySearch(keys[node], ch);
        return i < 0 ? -1 : children[node][i];
    }

    /** Adds the ids of every keyword that {@code text} contains (an id may be added more than once). */
    void collect(String text, IntList hits) {
        if (empty) {
            return;
        }
        hits.addAll(out[0]); // the empty keyword is in every text
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            int to;
            while ((to = step(node, ch)) < 0 && node != 0) {
                node = fail[node];
            }
            node = to < 0 ? 0 : to;
            for (int o = out[node].length > 0 ? node : outLink[node]; o > 0; o = outLink[o]) {
                hits.addAll(out[o]);
            }
        }
    }
}
