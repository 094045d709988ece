package dev.vtool.schema.text;

import dev.vtool.schema.source.SourceFile;

/**
 * The part of a source line shown under a finding: the whole line when it is of ordinary length, else a
 * bounded window around the column with {@code …} where it was cut, so output stays proportional to the
 * number of findings however long the line (a minified config is one line). Control characters are
 * escaped ({@link Printable}) and tabs shown as one space, and {@link #caret} says how many cells precede
 * the reported column in {@link #text}.
 */
public record SnippetWindow(String text, int caret) {
    /** Lines up to this length are shown whole (as editors show them). */
    public static final int WHOLE_LINE = 160;
    /** Characters shown on each side of the column in a longer line. */
    public static final int RADIUS = 60;
    private static final String CUT = "…";

    /** The window for a 1-based line and column; null when the line does not exist. */
    public static SnippetWindow of(SourceFile file, int line, int column) {
        if (line < 1 || line > file.lineCount()) {
            return null;
        }
        String text = file.text();
        int start = file.lineStart(line);
        int end = file.lineEnd(line);
        int at = start + Math.max(0, Math.min(column - 1, end - start));
        int from = start;
        int to = end;
        if (end - start > WHOLE_LINE) {
            from = Math.max(start, at - RADIUS);
            to = Math.min(end, at + RADIUS);
            // never cut a surrogate pair in half
            if (from > start && Character.isLowSurrogate(text.charAt(from))) {
                from--;
            }
            if (to < end && to > from && Character.isHighSurrogate(text.charAt(to - 1))) {
                to++;
            }
        }
        StringBuilder shown = new StringBuilder(to - from + 8);
        if (from > start) {
            shown.append(CUT);
        }
        int caret = -1;
        for (int i = from; i < to; i++) {
            if (i == at) {
                caret = shown.length();
            }
            char c = text.charAt(i);
            if (c == '\t') {
                shown.append(' ');
            } else if (Printable.isControl(c)) {
                shown.append(Printable.escapeOf(c));
            } else {
                shown.append(c);
            }
        }
        if (caret < 0) {
            caret = shown.length();
        }
        if (to < end) {
            shown.append(CUT);
        }
        return new SnippetWindow(shown.toString(), caret);
    }
}
