package dev.vtool.schema.diagnose;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes log lines apart. Understands V2Ray 4.34's error log
 * ({@code YYYY/MM/DD HH:MM:SS [Level] [SessionID] v2ray.com/core/PKG: text > cause}), lines without
 * a time stamp (stdout of {@code v2ray -test}), journalctl prefixes ({@code Mon DD HH:MM:SS host
 * v2ray[PID]: } and the short-iso form), access-log lines, Go panics with their goroutine dump, older
 * V2Ray prefixes ({@code Proxy|VMess|Encoding: }, kept in the text) and vtool's own log format
 * (ISO time stamp, upper-case level). One parser per input: it remembers whether a panic dump is running.
 */
public final class LogLineParser {
    /** journalctl's default form; the PID is absent for some programs. */
    private static final Pattern JOURNAL = Pattern.compile(
            "^(?<time>[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}) \\S+ [\\w.@-]+(?:\\[\\d+\\])?: ");
    /** journalctl -o short-iso; the PID is required so vtool's own ISO lines are not taken for it. */
    private static final Pattern JOURNAL_ISO = Pattern.compile(
            "^(?<time>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\S*) \\S+ [\\w.@-]+\\[\\d+\\]: ");
    private static final Pattern V2RAY_TIME = Pattern.compile(
            "^(?<time>\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) ");
    private static final Pattern ISO_TIME = Pattern.compile(
            "^(?<time>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?) ");
    private static final Pattern LEVEL = Pattern.compile(
            "^\\[?(?<level>Debug|Info|Warning|Error|DEBUG|INFO|WARN|WARNING|ERROR|TRACE)\\]? +");
    private static final Pattern SESSION = Pattern.compile("^\\[(?<session>\\d+)\\] ");
    private static final Pattern ACCESS = Pattern.compile(
            "^(?:(?:tcp|udp):)?(?:\\[[0-9a-fA-F:.]+\\]|[^\\s\\[\\]]+):\\d+ (?<verdict>accepted|rejected) ");
    private static final Pattern STACK_LINE = Pattern.compile(
            "^(?:\\s*$|\\t|\\s+\\S+\\.go:\\d+|goroutine \\d+ \\[|created by |exit status \\d+|\\[signal |"
                    + "[\\w./*()\\[\\]{}-]+\\(.*\\)$)");

    private final String source;
    private long lineNumber;
    private boolean inPanic;

    public LogLineParser(String source) {
        this.source = source;
    }

    /** Parses the next line of this input (line numbers count from 1 in call order). */
    public LogLine next(String raw) {
        lineNumber++;
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        String rest = line;
        String time = null;
        Matcher m = JOURNAL.matcher(rest);
        if (m.lookingAt() || (m = JOURNAL_ISO.matcher(rest)).lookingAt()) {
            time = m.group("time");
            rest = rest.substring(m.end());
        }
        if (inPanic && STACK_LINE.matcher(rest).lookingAt()) {
            return new LogLine(source, lineNumber, line, time, null, null, rest, LogLine.Kind.STACK);
        }
        inPanic = false;
        if (rest.isBlank()) {
            return new LogLine(source, lineNumber, line, time, null, null, "", LogLine.Kind.BLANK);
        }
        m = V2RAY_TIME.matcher(rest);
        if (!m.lookingAt()) {
            m = ISO_TIME.matcher(rest);
            if (!m.lookingAt()) {
                m = null;
            }
        }
        if (m != null) {
            time = m.group("time");
            rest = rest.substring(m.end());
        }
        String level = null;
        m = LEVEL.matcher(rest);
        if (m.lookingAt()) {
            level = normaliseLevel(m.group("level"));
            rest = rest.substring(m.end());
        }
        String session = null;
        m = SESSION.matcher(rest);
        if (m.lookingAt()) {
            session = m.group("session");
            rest = rest.substring(m.end());
        }
        LogLine.Kind kind;
        if (rest.startsWith("panic: ")) {
            inPanic = true;
            kind = LogLine.Kind.PANIC;
        } else if ((m = ACCESS.matcher(rest)).lookingAt()) {
            kind = m.group("verdict").equals("accepted") ? LogLine.Kind.ACCESS_ACCEPTED
                    : LogLine.Kind.ACCESS_REJECTED;
        } else {
            kind = time != null || level != null ? LogLine.Kind.MESSAGE : LogLine.Kind.OTHER;
        }
        return new LogLine(source, lineNumber, line, time, level, session, rest.strip(), kind);
    }

    private static String normaliseLevel(String level) {
        switch (level.toUpperCase(Locale.ROOT)) {
            case "TRACE":
            case "DEBUG":
                return "Debug";
            case "INFO":
                return "Info";
            case "WARN":
            case "WARNING":
                return "Warning";
            default:
                return "Error";
        }
    }
}
