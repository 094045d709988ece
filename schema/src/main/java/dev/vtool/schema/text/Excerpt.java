package dev.vtool.schema.text;

/**
 * Shortens text that quotes the input (a message naming a 20 MB value) to a bounded length, keeping its
 * start and end and saying how much was left out, so no finding costs more than a few KB to keep or print.
 */
public final class Excerpt {
    /** Longest message or fix a finding keeps. */
    public static final int MAX_MESSAGE = 2000;

    private Excerpt() {
    }

    /** {@code s} itself when it is at most {@code max} characters, else its ends around a note of the cut. */
    public static String middle(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int keep = Math.max(2, max - 40);
        int head = keep * 2 / 3;
        int tail = keep - head;
        if (Character.isHighSurrogate(s.charAt(head - 1))) {
            head--;
        }
        int tailStart = s.length() - tail;
        if (Character.isLowSurrogate(s.charAt(tailStart))) {
            tailStart++;
        }
        return s.substring(0, head) + "…[" + (tailStart - head) + " characters left out]…" + s.substring(tailStart);
    }
}
