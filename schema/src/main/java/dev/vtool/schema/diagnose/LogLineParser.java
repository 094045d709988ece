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
    private String lastTime;

    /** Reads V2Ray's own lines by hand (false: by the regexes alone; tests compare the two). */
    private final boolean handParsing;

    public LogLineParser(String source) {
        this(source, true);
    }

    LogLineParser(String source, boolean handParsing) {
        this.source = source;
        this.handParsing = handParsing;
    }

    /** Parses the next line of this input (line numbers count from 1 in call order). */
    public LogLine next(String raw) {
        lineNumber++;
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (handParsing && !inPanic) {
            LogLine fast = v2rayErrorLine(line);
            if (fast != null) {
                return fast;
            }
        }
        String rest = line;
        String time = null;
        // Each regex below runs only when the first character allows it: most lines start with a digit.
        Matcher m = null;
        char first = rest.isEmpty() ? ' ' : rest.charAt(0);
        if (first >= 'A' && first <= 'Z') {
            m = JOURNAL.matcher(rest);
            if (!m.lookingAt()) {
                m = null;
            }
        } else if (digit(first)) {
            m = JOURNAL_ISO.matcher(rest);
            if (!m.lookingAt()) {
                m = null;
            }
        }
        if (m != null) {
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
        m = null;
        if (digit(rest.charAt(0))) {
            m = V2RAY_TIME.matcher(rest);
            if (!m.lookingAt()) {
                m = ISO_TIME.matcher(rest);
                if (!m.lookingAt()) {
                    m = null;
                }
            }
        }
        if (m != null) {
            time = m.group("time");
            rest = rest.substring(m.end());
        }
        String level = null;
        m = LEVEL.matcher(rest);
        if (!rest.isEmpty() && "[DIWET".indexOf(rest.charAt(0)) >= 0 && m.lookingAt()) {
            level = normaliseLevel(m.group("level"));
            rest = rest.substring(m.end());
        }
        String session = null;
        m = SESSION.matcher(rest);
        if (rest.startsWith("[") && m.lookingAt()) {
            session = m.group("session");
            rest = rest.substring(m.end());
        }
        LogLine.Kind kind;
        if (rest.startsWith("panic: ")) {
            inPanic = true;
            kind = LogLine.Kind.PANIC;
        } else if (verdictAfterFirstWord(rest) && (m = ACCESS.matcher(rest)).lookingAt()) {
            kind = m.group("verdict").equals("accepted") ? LogLine.Kind.ACCESS_ACCEPTED
                    : LogLine.Kind.ACCESS_REJECTED;
        } else {
            kind = time != null || level != null ? LogLine.Kind.MESSAGE : LogLine.Kind.OTHER;
        }
        return new LogLine(source, lineNumber, line, time, level, session, rest.strip(), kind);
    }

    /**
     * V2Ray's own error and access lines ({@code 2026/11/25 12:58:44 [Info] [123] text},
     * {@code 2026/11/25 12:58:44 1.2.3.4:5 accepted ...}) read by hand: the same result as the regexes
     * of {@link #next}, at a fraction of the cost, for the lines almost every log consists of. Null for
     * anything else (the regexes decide then).
     */
    private LogLine v2rayErrorLine(String line) {
        int timeEnd = v2rayTimeEnd(line);
        if (timeEnd < 0) {
            return null;
        }
        int at = timeEnd + 1;
        String level = null;
        if (line.startsWith("[", at) || at < line.length() && "DIWET".indexOf(line.charAt(at)) >= 0) {
            level = bracketedLevel(line, at);
            if (level == null) {
                return null; // another spelling of a level (WARN, ERROR...): the regex knows them
            }
            at = line.indexOf(']', at) + 1;
            while (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
        }
        String session = null;
        if (line.startsWith("[", at)) {
            int end = at + 1;
            while (end < line.length() && digit(line.charAt(end))) {
                end++;
            }
            if (end > at + 1 && line.startsWith("] ", end)) {
                session = line.substring(at + 1, end);
                at = end + 2;
            }
        }
        String rest = line.substring(at);
        LogLine.Kind kind;
        if (rest.startsWith("panic: ")) {
            inPanic = true;
            kind = LogLine.Kind.PANIC;
        } else {
            int verdict = accessVerdict(rest);
            if (verdict == UNSURE) {
                return null;
            }
            kind = verdict == ACCEPTED ? LogLine.Kind.ACCESS_ACCEPTED
                    : verdict == REJECTED ? LogLine.Kind.ACCESS_REJECTED : LogLine.Kind.MESSAGE;
        }
        return new LogLine(source, lineNumber, line, time(line, timeEnd), level, session, rest.strip(), kind);
    }

    /** The stamp the line starts with: the previous line's String when equal (lines of one second share it). */
    private String time(String line, int timeEnd) {
        String last = lastTime;
        if (last != null && last.length() == timeEnd && line.startsWith(last)) {
            return last;
        }
        lastTime = line.substring(0, timeEnd);
        return lastTime;
    }

    /** Where V2RAY_TIME's time group ends at the start of the line (a space follows), or -1. */
    private static int v2rayTimeEnd(String s) {
        if (s.length() < 20 || !digits(s, 0, 4) || s.charAt(4) != '/' || !digits(s, 5, 7) || s.charAt(7) != '/'
                || !digits(s, 8, 10) || s.charAt(10) != ' ' || !digits(s, 11, 13) || s.charAt(13) != ':'
                || !digits(s, 14, 16) || s.charAt(16) != ':' || !digits(s, 17, 19)) {
            return -1;
        }
        if (s.charAt(19) == ' ') {
            return 19;
        }
        if (s.charAt(19) == '.') {
            int end = 20;
            while (end < s.length() && digit(s.charAt(end))) {
                end++;
            }
            if (end > 20 && end < s.length() && s.charAt(end) == ' ') {
                return end;
            }
        }
        return -1;
    }

    /** The level of {@code [Info] } etc. at {@code at} (at least one space after), else null. */
    private static String bracketedLevel(String s, int at) {
        for (String level : LEVELS) {
            if (s.startsWith(level, at + 1) && s.startsWith("] ", at + 1 + level.length()) && s.charAt(at) == '[') {
                return level;
            }
        }
        return null;
    }

    private static final String[] LEVELS = {"Debug", "Info", "Warning", "Error"};
    private static final int NOT_ACCESS = 0;
    private static final int ACCEPTED = 1;
    private static final int REJECTED = 2;
    private static final int UNSURE = 3;

    /**
     * ACCESS read by hand when the address has no brackets: {@code host:port accepted|rejected } with
     * no whitespace in {@code host:port}; UNSURE (ask the regex) when it has brackets.
     */
    private static int accessVerdict(String rest) {
        if (!verdictAfterFirstWord(rest)) {
            return NOT_ACCESS;
        }
        int space = rest.indexOf(' ');
        int colon = -1;
        for (int i = 0; i < space; i++) {
            char c = rest.charAt(i);
            if (c == '[' || c == ']') {
                return UNSURE;
            }
            if (c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                return NOT_ACCESS;
            }
            if (c == ':') {
                colon = i;
            }
        }
        if (colon < 1 || colon + 1 == space || !digits(rest, colon + 1, space)) {
            return NOT_ACCESS;
        }
        return rest.startsWith("accepted ", space + 1) ? ACCEPTED : REJECTED;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!digit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** An access line's verdict follows its first word (the address has no spaces): a cheap check first. */
    private static boolean verdictAfterFirstWord(String rest) {
        int space = rest.indexOf(' ');
        return space > 0 && (rest.startsWith("accepted ", space + 1) || rest.startsWith("rejected ", space + 1));
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
