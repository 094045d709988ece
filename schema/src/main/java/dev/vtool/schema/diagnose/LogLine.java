package dev.vtool.schema.diagnose;

/**
 * One input line taken apart: where it came from, its time stamp and level if it has them, and the
 * message text that the knowledge base is matched against.
 *
 * @param source     display name of the input (file name, {@code <stdin>}, {@code --line})
 * @param lineNumber 1-based line number in that input
 * @param raw        the line as read (without line terminator)
 * @param time       the time stamp as printed (V2Ray's, ISO or journalctl's), or null
 * @param level      Debug/Info/Warning/Error when printed, or null
 * @param session    V2Ray's connection id ({@code [12345]}), or null
 * @param text       the message without time, level, session and journal prefixes
 * @param kind       what sort of line it is
 */
public record LogLine(String source, long lineNumber, String raw, String time, String level, String session,
                      String text, Kind kind) {

    public enum Kind {
        /** A V2Ray (or vtool) error-log line: time stamp and/or level, then the message. */
        MESSAGE,
        /** An access-log line that accepted a connection: routine. */
        ACCESS_ACCEPTED,
        /** An access-log line that rejected a connection; its reason is matched like a message. */
        ACCESS_REJECTED,
        /** A Go panic line ({@code panic: ...}). */
        PANIC,
        /** A line of the goroutine dump that follows a panic: noise. */
        STACK,
        /** Nothing on it. */
        BLANK,
        /** Anything else (stdout lines, systemd lines); still matched against the knowledge base. */
        OTHER
    }

    /** Where the line stands, for output: {@code server.log:12}. */
    public String where() {
        return source + ":" + lineNumber;
    }
}
