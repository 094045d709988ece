package dev.vtool.schema.diagnose;

import java.nio.charset.StandardCharsets;

/**
 * The line a {@link LogLineParser} just read, as offsets into the reader's bytes: counting a line needs
 * its kind, time and message text, and only the first line of a group (its example) is ever turned into
 * a {@link LogLine}. One view per parser, overwritten by the next line; valid until then. A line the
 * hand parser does not read comes as a finished {@link LogLine} instead.
 */
final class LineView {
    private final String source;
    private long lineNumber;
    private LogLine.Kind kind;
    private byte[] bytes;
    private int start;
    private int end;
    private String time;
    private String timeKey;
    private boolean keyed;
    private String level;
    private int sessionFrom;
    private int sessionTo;
    private int textFrom;
    private int textTo;
    /** The parsed line (the slow path's, or made on demand), or null while only offsets are known. */
    private LogLine line;

    LineView(String source) {
        this.source = source;
    }

    /** A line read by hand: the offsets into {@code bytes} (session: -1 when absent). */
    void set(long lineNumber, LogLine.Kind kind, byte[] bytes, int start, int end, String time, String timeKey,
             String level, int sessionFrom, int sessionTo, int textFrom, int textTo) {
        this.timeKey = timeKey;
        this.keyed = true;
        this.lineNumber = lineNumber;
        this.kind = kind;
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.time = time;
        this.level = level;
        this.sessionFrom = sessionFrom;
        this.sessionTo = sessionTo;
        this.textFrom = textFrom;
        this.textTo = textTo;
        this.line = null;
    }

    /** A line parsed as a String (the regex path, or a line handed over already parsed). */
    void set(LogLine parsed) {
        this.line = parsed;
        this.kind = parsed.kind();
        this.time = parsed.time();
        this.keyed = false;
        this.bytes = null;
    }

    LogLine.Kind kind() {
        return kind;
    }

    String time() {
        return time;
    }

    /** {@link TimeKey#of} the time stamp. */
    String timeKey() {
        if (!keyed) {
            timeKey = TimeKey.of(time);
            keyed = true;
        }
        return timeKey;
    }

    /** Whether the text is held as bytes ({@link #textBytes()} etc.) rather than only as a String. */
    boolean hasBytes() {
        return bytes != null;
    }

    byte[] textBytes() {
        return bytes;
    }

    int textFrom() {
        return textFrom;
    }

    int textTo() {
        return textTo;
    }

    /** The message text as a String (decoded on each call: only on a cache miss). */
    String text() {
        return line != null ? line.text() : decode(textFrom, textTo);
    }

    /** The line as a record (made once per line, on demand). */
    LogLine toLogLine() {
        if (line == null) {
            line = new LogLine(source, lineNumber, decode(start, end), time, level,
                    sessionFrom < 0 ? null : decode(sessionFrom, sessionTo), decode(textFrom, textTo), kind);
        }
        return line;
    }

    private String decode(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
