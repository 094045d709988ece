package dev.vtool.schema.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Suggests the closest known word for a typo ({@code vmss} → {@code vmess}, {@code clinets} → {@code clients})
 * by edit distance. Two policies share the distance: {@link #suggest} for the lint rules' enum values (aliases,
 * a tight bound, no suggestion for an exact match) and {@link #closest} for schema key and enum names (a bound
 * growing with the length of the word).
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The candidate closest to {@code typed} (case-insensitive), or null when none is close enough:
     * at most 1 edit for short words, 2 for words of 5+ letters. {@code aliases} maps well-known
     * wrong words straight to the right one (e.g. {@code https} → {@code tls}).
     */
    public static String suggest(String typed, Collection<String> candidates, Map<String, String> aliases) {
        if (typed == null) {
            return null;
        }
        String t = typed.trim().toLowerCase(Locale.ROOT);
        String alias = aliases.get(t);
        if (alias != null) {
            return alias;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int allowed = t.length() >= 5 ? 2 : 1;
        for (String c : candidates) {
            if (Math.abs(c.length() - t.length()) > allowed) {
                continue; // at least that many edits: cheap to rule out, and a huge value never builds a huge table
            }
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        // an exact match needs no suggestion, unless stray spaces around it are what V2Ray trips over
        boolean padded = !typed.equals(typed.strip());
        return best != null && bestDistance <= allowed && (bestDistance > 0 || padded) ? best : null;
    }

    public static String suggest(String typed, Collection<String> candidates) {
        return suggest(typed, candidates, Map.of());
    }

    /**
     * The closest candidate within a typo-sized distance (1 edit up to 4 letters, 2 up to 8, else 3), or null;
     * case is ignored when comparing and an exact match is returned as it is.
     */
    public static String closest(String wrong, Collection<String> candidates) {
        String w = wrong.toLowerCase(Locale.ROOT);
        int limit = w.length() <= 4 ? 1 : w.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (Math.abs(candidate.length() - w.length()) > limit) {
                continue;
            }
            int d = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** " Did you mean "x"?" or "" — ready to append to a message. */
    public static String phrase(String suggestion) {
        return suggestion == null ? "" : " Did you mean \"" + suggestion + "\"?";
    }

    /** Optimal-string-alignment distance: insert, delete, substitute, swap two neighbours. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
