package dev.vtool.schema.json;

import dev.vtool.schema.source.Position;
import java.util.Arrays;

/**
 * Turns character offsets of a text into 1-based line and column, with the line breaks an editor shows
 * ({@code \n}, {@code \r\n} and a lone {@code \r}, as {@link dev.vtool.schema.source.SourceFile} splits lines).
 */
final class LineIndex {
    private final int[] starts;
    private final int count;

    LineIndex(String text) {
        int[] s = new int[16];
        int n = 1; // line 1 starts at 0
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
        }
        this.starts = s;
        this.count = n;
    }

    Position position(int offset) {
        int k = Arrays.binarySearch(starts, 0, count, offset);
        int line = k >= 0 ? k : -k - 2;
        return new Position(line + 1, offset - starts[line] + 1);
    }
}
