package dev.vtool.schema.diagnose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** All lines one knowledge-base entry recognised: how often, first/last seen, captured values, advice. */
public final class EntryGroup {
    /** Distinct values kept per captured group name (the rest are only counted). */
    static final int MAX_VALUES = 20;
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");

    private final KbEntry entry;
    private final int order;
    private long count;
    private LogLine first;
    /** The time stamps of the last line read and of the earliest and latest by time (lines are not kept). */
    private String lastTime;
    private String earliestTime;
    private String latestTime;
    /** The sortable forms of earliest's and latest's time stamps ({@link TimeKey}). */
    private String earliestKey;
    private String latestKey;
    /** Captured group name to (value to its count), in first-seen order; counts in place, no boxing per line. */
    private final Map<String, Map<String, long[]>> captures = new LinkedHashMap<>();
    private final List<String> advice = new ArrayList<>();

    EntryGroup(KbEntry entry, int order) {
        this.entry = entry;
        this.order = order;
    }

    void add(LineView line, Map<String, String> groups) {
        count++;
        if (first == null) {
            first = line.toLogLine();
        }
        String time = line.time();
        lastTime = time;
        String key = line.timeKey();
        if (key != null && key == latestKey) {
            latestTime = time; // the latest stamp again (the parser shares one key per stamp): no compares
        } else if (key != null) {
            if (earliestKey == null || key.compareTo(earliestKey) < 0) {
                earliestTime = time;
                earliestKey = key;
            }
            if (latestKey == null || key.compareTo(latestKey) >= 0) {
                latestTime = time;
                latestKey = key;
            }
        }
        if (!groups.isEmpty()) {
            groups.forEach(this::count);
        }
    }

    private void count(String name, String value) {
        Map<String, long[]> values = captures.get(name);
        if (values == null) {
            values = new LinkedHashMap<>();
            captures.put(name, values);
        }
        long[] n = values.get(value);
        if (n != null) {
            n[0]++;
        } else if (values.size() < MAX_VALUES) {
            values.put(value, new long[] {1});
        }
    }

    /** Replaces the advice (a report can be made more than once, e.g. while following a log). */
    void setAdvice(List<String> lines) {
        advice.clear();
        advice.addAll(lines);
    }

    public KbEntry entry() {
        return entry;
    }

    public long count() {
        return count;
    }

    /** Position of the first line in the input, for stable ordering of equal counts. */
    int order() {
        return order;
    }

    public LogLine first() {
        return first;
    }

    /**
     * When the message was first seen: the earliest full time stamp (several logs may be read), else the
     * time of the first line in input order; null when the lines carry no time.
     */
    public String firstSeen() {
        return earliestKey != null ? earliestTime : first.time();
    }

    /** When the message was last seen (see {@link #firstSeen()}). */
    public String lastSeen() {
        return latestKey != null ? latestTime : lastTime;
    }

    /** Captured group name to (value to count), in first-seen order. */
    public Map<String, Map<String, Long>> captures() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        captures.forEach((name, values) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            values.forEach((value, n) -> counts.put(value, n[0]));
            out.put(name, Collections.unmodifiableMap(counts));
        });
        return Collections.unmodifiableMap(out);
    }

    /** The distinct values captured for one group name (empty if none). */
    public List<String> values(String name) {
        Map<String, long[]> v = captures.get(name);
        return v == null ? List.of() : List.copyOf(v.keySet());
    }

    /**
     * The entry's fix with its {@code {name}} placeholders filled: the captured value when all lines
     * agree on one, else the name in capitals.
     */
    public String fix() {
        Matcher m = PLACEHOLDER.matcher(entry.fix());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Map<String, long[]> values = captures.get(m.group(1));
            String value = values != null && values.size() == 1 ? values.keySet().iterator().next()
                    : m.group(1).toUpperCase(Locale.ROOT);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Config-specific advice from the entry's tailor (empty without --config or without a tailor). */
    public List<String> advice() {
        return Collections.unmodifiableList(advice);
    }
}
