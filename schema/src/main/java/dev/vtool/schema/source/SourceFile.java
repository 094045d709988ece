package dev.vtool.schema.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The text of one input (a file or stdin) with a display name; knows where its lines start, for snippets.
 * Lines are found once as offsets (4 bytes a line), never as copies: a one-line config of 50 MB must not
 * cost another 50 MB each time a finding shows a piece of it.
 */
public final class SourceFile {
    private final String name;
    private final String text;
    private int[] lineStarts;
    private int lines;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
    }

    public static SourceFile read(Path path) throws IOException {
        return new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static SourceFile read(String name, InputStream in) throws IOException {
        return new SourceFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The 1-based line without its line terminator, or "" when out of range. */
    public String line(int lineNumber) {
        return lineNumber >= 1 && lineNumber <= lineCount() ? text.substring(lineStart(lineNumber), lineEnd(lineNumber)) : "";
    }

    public int lineCount() {
        index();
        return lines;
    }

    /** Offset in {@link #text()} of the first character of a line (1-based, in range). */
    public int lineStart(int lineNumber) {
        index();
        return lineStarts[lineNumber - 1];
    }

    /** Offset in {@link #text()} just past the last character of a line, before its terminator. */
    public int lineEnd(int lineNumber) {
        index();
        if (lineNumber >= lines) {
            return text.length();
        }
        int next = lineStarts[lineNumber];
        int end = next - 1;
        if (end > 0 && text.charAt(end) == '\n' && text.charAt(end - 1) == '\r' && end - 1 >= lineStarts[lineNumber - 1]) {
            end--;
        }
        return end;
    }

    /** The line and column (1-based, in characters) of an offset in {@link #text()}. */
    public Position positionAt(int offset) {
        index();
        int lo = 0;
        int hi = lines - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Position(lo + 1, offset - lineStarts[lo] + 1);
    }

    /** Line terminators are \n, \r and \r\n, as editors count them. */
    private void index() {
        if (lineStarts != null) {
            return;
        }
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        lines = count;
        lineStarts = starts;
    }

    @Override
    public String toString() {
        return name;
    }
}
