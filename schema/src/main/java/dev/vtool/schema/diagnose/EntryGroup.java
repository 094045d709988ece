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
    private LogLine last;
    private LogLine earliest;
    private LogLine latest;
    /** The sortable forms of earliest's and latest's time stamps ({@link TimeKey}). */
    private String earliestKey;
    private String latestKey;
    /** The last line's time and its key: lines of one second share a stamp, so most keys are not rebuilt. */
    private String keyedTime;
    private String lastKey;
    private final Map<String, Map<String, Long>> captures = new LinkedHashMap<>();
    private final List<String> advice = new ArrayList<>();

    EntryGroup(KbEntry entry, int order) {
        this.entry = entry;
        this.order = order;
    }

    void add(LogLine line, Map<String, String> groups) {
        count++;
        if (first == null) {
            first = line;
        }
        last = line;
        String time = line.time();
        String key;
        if (time != null && time.equals(keyedTime)) {
            key = lastKey;
        } else {
            key = TimeKey.of(time);
            keyedTime = time;
            lastKey = key;
        }
        if (key != null) {
            if (earliestKey == null || key.compareTo(earliestKey) < 0) {
                earliest = line;
                earliestKey = key;
            }
            if (latestKey == null || key.compareTo(latestKey) >= 0) {
                latest = line;
                latestKey = key;
            }
        }
        groups.forEach((name, value) -> {
            Map<String, Long> values = captures.computeIfAbsent(name, k -> new LinkedHashMap<>());
            if (values.containsKey(value) || values.size() < MAX_VALUES) {
                values.merge(value, 1L, Long::sum);
            }
        });
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

    public LogLine last() {
        return last;
    }

    /**
     * When the message was first seen: the earliest full time stamp (several logs may be read), else the
     * time of the first line in input order; null when the lines carry no time.
     */
    public String firstSeen() {
        return earliest != null ? earliest.time() : first.time();
    }

    /** When the message was last seen (see {@link #firstSeen()}). */
    public String lastSeen() {
        return latest != null ? latest.time() : last.time();
    }

    /** Captured group name to (value to count), in first-seen order. */
    public Map<String, Map<String, Long>> captures() {
        return Collections.unmodifiableMap(captures);
    }

    /** The distinct values captured for one group name (empty if none). */
    public List<String> values(String name) {
        Map<String, Long> v = captures.get(name);
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
            Map<String, Long> values = captures.get(m.group(1));
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
