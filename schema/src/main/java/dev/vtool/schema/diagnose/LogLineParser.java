package dev.vtool.schema.diagnose;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    /**
     * The byte path's recent time stamps (a fixed table: lines of one second share one, and a journal's
     * stamps alternate with V2Ray's): as bytes, as Strings, and their {@link TimeKey}s.
     */
    private static final int TIME_SLOTS = 64;
    private final byte[][] timeBytes = new byte[TIME_SLOTS][];
    private final String[] times = new String[TIME_SLOTS];
    private final String[] timeKeys = new String[TIME_SLOTS];
    private int lastTimeSlot;
    private final LineView view;

    /** Reads V2Ray's own lines by hand (false: by the regexes alone; tests compare the two). */
    private final boolean handParsing;

    public LogLineParser(String source) {
        this(source, true);
    }

    LogLineParser(String source, boolean handParsing) {
        this.source = source;
        this.handParsing = handParsing;
        this.view = new LineView(source);
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
     * Parses the next line of this input from its UTF-8 bytes: V2Ray's own lines (also behind a
     * journalctl prefix) are read in place without a String; anything else is decoded and goes through
     * {@link #next(String)}. The same result as {@code next(new String(bytes, from, to - from, UTF_8))}.
     * The view is this parser's, overwritten by the next call.
     */
    LineView next(byte[] bytes, int from, int to) {
        if (handParsing && !inPanic && handRead(bytes, from, to > from && bytes[to - 1] == '\r' ? to - 1 : to)) {
            return view;
        }
        view.set(next(new String(bytes, from, to - from, StandardCharsets.UTF_8)));
        return view;
    }

    /** {@link #v2rayErrorLine} on bytes, after an optional journalctl prefix; false: ask the String path. */
    private boolean handRead(byte[] b, int from, int to) {
        int p = from;
        boolean journal = p < to && b[p] >= 'A' && b[p] <= 'Z';
        if (journal) {
            p = journalPrefixEnd(b, p, to);
            if (p < 0) {
                return false;
            }
        }
        int timeFrom = p;
        int timeEnd = v2rayTimeEnd(b, p, to);
        int at = timeEnd + 1;
        boolean journalTime = timeEnd < 0;
        if (journalTime) {
            // journalctl's stamp stands for the line unless V2Ray's own (or an ISO one: a digit) follows
            if (!journal || p == to || digit(b[p])) {
                return false;
            }
            timeFrom = from;
            timeEnd = from + JOURNAL_TIME_LENGTH;
            at = p;
        }
        String level = null;
        if (at < to && (b[at] == '[' || "DIWET".indexOf(b[at]) >= 0)) {
            level = bracketedLevel(b, at, to);
            if (level == null) {
                return false;
            }
            at += level.length() + 3;
            while (at < to && b[at] == ' ') {
                at++;
            }
        }
        int sessionFrom = -1;
        int sessionTo = -1;
        if (at < to && b[at] == '[') {
            int end = at + 1;
            while (end < to && digit(b[end])) {
                end++;
            }
            if (end > at + 1 && end + 1 < to && b[end] == ']' && b[end + 1] == ' ') {
                sessionFrom = at + 1;
                sessionTo = end;
                at = end + 2;
            }
        }
        LogLine.Kind kind;
        if (startsWith(b, at, to, PANIC)) {
            kind = LogLine.Kind.PANIC;
        } else {
            int verdict = accessVerdict(b, at, to);
            if (verdict == UNSURE) {
                return false;
            }
            kind = verdict == ACCEPTED ? LogLine.Kind.ACCESS_ACCEPTED
                    : verdict == REJECTED ? LogLine.Kind.ACCESS_REJECTED : LogLine.Kind.MESSAGE;
        }
        // String.strip() removes Unicode white space too: a text ending in a non-ASCII byte is left to it
        int textFrom = at;
        int textTo = to;
        while (textFrom < textTo && asciiSpace(b[textFrom])) {
            textFrom++;
        }
        while (textTo > textFrom && asciiSpace(b[textTo - 1])) {
            textTo--;
        }
        if (textTo > textFrom && (b[textFrom] < 0 || b[textTo - 1] < 0)) {
            return false;
        }
        if (journalTime && textTo == textFrom && at == p) {
            return false; // nothing after journalctl's prefix: a blank line, which the String path tells
        }
        if (kind == LogLine.Kind.PANIC) {
            inPanic = true;
        }
        lineNumber++;
        int time = time(b, timeFrom, timeEnd);
        view.set(lineNumber, kind, b, from, to, times[time], timeKeys[time], level, sessionFrom, sessionTo, textFrom,
                textTo);
        return true;
    }

    /**
     * Where journalctl's default prefix ({@code Mon DD HH:MM:SS host name[PID]: }, as {@link #JOURNAL})
     * ends, or -1.
     */
    private static int journalPrefixEnd(byte[] b, int p, int to) {
        if (to - p < 20 || !lower(b[p + 1]) || !lower(b[p + 2]) || b[p + 3] != ' '
                || (b[p + 4] != ' ' && !digit(b[p + 4])) || !digit(b[p + 5]) || b[p + 6] != ' '
                || !digits(b, p + 7, p + 9) || b[p + 9] != ':' || !digits(b, p + 10, p + 12) || b[p + 12] != ':'
                || !digits(b, p + 13, p + 15) || b[p + 15] != ' ') {
            return -1;
        }
        int q = p + 16;
        while (q < to && !regexSpace(b[q])) {
            q++;
        }
        if (q == p + 16 || q >= to || b[q] != ' ') {
            return -1;
        }
        int name = ++q;
        while (q < to && (digit(b[q]) || lower(b[q]) || b[q] >= 'A' && b[q] <= 'Z' || b[q] == '_' || b[q] == '.'
                || b[q] == '@' || b[q] == '-')) {
            q++;
        }
        if (q == name) {
            return -1;
        }
        if (q < to && b[q] == '[') {
            int d = q + 1;
            while (d < to && digit(b[d])) {
                d++;
            }
            if (d == q + 1 || d >= to || b[d] != ']') {
                return -1;
            }
            q = d + 1;
        }
        return q + 1 < to && b[q] == ':' && b[q + 1] == ' ' ? q + 2 : -1;
    }

    /** The time stamp at {@code from}, as a String shared by the lines that carry the same one. */
    private int time(byte[] b, int from, int to) {
        int n = to - from;
        byte[] previous = timeBytes[lastTimeSlot];
        if (previous != null && previous.length == n && Arrays.equals(previous, 0, n, b, from, to)) {
            return lastTimeSlot; // lines of one second: the stamp of the line before
        }
        lastTimeSlot = timeSlot(b, from, to);
        return lastTimeSlot;
    }

    private int timeSlot(byte[] b, int from, int to) {
        int h = RecentVerdicts.hash(b, from, to);
        int slot = (h ^ (h >>> 16)) & (TIME_SLOTS - 1);
        byte[] known = timeBytes[slot];
        int n = to - from;
        if (known == null || known.length != n || !Arrays.equals(known, 0, n, b, from, to)) {
            timeBytes[slot] = Arrays.copyOfRange(b, from, to);
            String time = new String(b, from, n, StandardCharsets.ISO_8859_1); // digits, letters, separators
            times[slot] = time;
            timeKeys[slot] = TimeKey.of(time);
        }
        return slot;
    }

    private static int v2rayTimeEnd(byte[] s, int p, int to) {
        if (to - p < 20 || !digits(s, p, p + 4) || s[p + 4] != '/' || !digits(s, p + 5, p + 7) || s[p + 7] != '/'
                || !digits(s, p + 8, p + 10) || s[p + 10] != ' ' || !digits(s, p + 11, p + 13) || s[p + 13] != ':'
                || !digits(s, p + 14, p + 16) || s[p + 16] != ':' || !digits(s, p + 17, p + 19)) {
            return -1;
        }
        if (s[p + 19] == ' ') {
            return p + 19;
        }
        if (s[p + 19] == '.') {
            int end = p + 20;
            while (end < to && digit(s[end])) {
                end++;
            }
            if (end > p + 20 && end < to && s[end] == ' ') {
                return end;
            }
        }
        return -1;
    }

    private static String bracketedLevel(byte[] b, int at, int to) {
        if (b[at] != '[') {
            return null;
        }
        for (int k = 0; k < LEVELS.length; k++) {
            byte[] level = LEVEL_BYTES[k];
            int close = at + 1 + level.length;
            if (startsWith(b, at + 1, to, level) && close + 1 < to && b[close] == ']' && b[close + 1] == ' ') {
                return LEVELS[k];
            }
        }
        return null;
    }

    /** {@link #accessVerdict(String)} on the bytes from {@code at}. */
    private static int accessVerdict(byte[] b, int at, int to) {
        int space = at;
        while (space < to && b[space] != ' ') {
            space++;
        }
        if (space == at || space == to
                || !(startsWith(b, space + 1, to, ACCEPTED_WORD) || startsWith(b, space + 1, to, REJECTED_WORD))) {
            return NOT_ACCESS;
        }
        int colon = -1;
        for (int i = at; i < space; i++) {
            byte c = b[i];
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
        if (colon < at + 1 || colon + 1 == space || !digits(b, colon + 1, space)) {
            return NOT_ACCESS;
        }
        return startsWith(b, space + 1, to, ACCEPTED_WORD) ? ACCEPTED : REJECTED;
    }

    private static boolean startsWith(byte[] b, int at, int to, byte[] prefix) {
        return to - at >= prefix.length && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static boolean digits(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!digit(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean lower(byte c) {
        return c >= 'a' && c <= 'z';
    }

    /** {@code \s} of a regex: space, \t, \n, \x0B, \f, \r. */
    private static boolean regexSpace(byte c) {
        return c == ' ' || c >= 0x09 && c <= 0x0D;
    }

    /** The ASCII characters {@link Character#isWhitespace} (so {@link String#strip}) removes. */
    private static boolean asciiSpace(byte c) {
        return c == ' ' || c >= 0x09 && c <= 0x0D || c >= 0x1C && c <= 0x1F;
    }

    /** {@code Mon DD HH:MM:SS}. */
    private static final int JOURNAL_TIME_LENGTH = 15;
    private static final byte[] PANIC = "panic: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPTED_WORD = "accepted ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REJECTED_WORD = "rejected ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] LEVEL_BYTES = {"Debug".getBytes(StandardCharsets.US_ASCII),
            "Info".getBytes(StandardCharsets.US_ASCII), "Warning".getBytes(StandardCharsets.US_ASCII),
            "Error".getBytes(StandardCharsets.US_ASCII)};

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
