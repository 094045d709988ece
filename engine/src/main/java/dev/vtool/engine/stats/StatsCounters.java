package dev.vtool.engine.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's named traffic counters (4.34's stats manager), present only when the config has a
 * {@code stats} section. Counters are {@link LongAdder}s: adding on the I/O threads never contends and
 * never allocates; reading or resetting sums the cells. Names are 4.34's, e.g.
 * {@code user>>>EMAIL>>>traffic>>>uplink}, {@code inbound>>>TAG>>>traffic>>>downlink}.
 */
public final class StatsCounters {
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
    /** One shared pipeline handler per pair of counters, so a connection allocates none. */
    private final ConcurrentHashMap<String, TrafficCounter> handlers = new ConcurrentHashMap<>();

    public static String user(String email, boolean uplink) {
        return "user>>>" + email + ">>>traffic>>>" + direction(uplink);
    }

    public static String inbound(String tag, boolean uplink) {
        return "inbound>>>" + tag + ">>>traffic>>>" + direction(uplink);
    }

    public static String outbound(String tag, boolean uplink) {
        return "outbound>>>" + tag + ">>>traffic>>>" + direction(uplink);
    }

    private static String direction(boolean uplink) {
        return uplink ? "uplink" : "downlink";
    }

    /** The counter of that name, created at zero the first time. */
    public LongAdder counter(String name) {
        return counters.computeIfAbsent(name, n -> new LongAdder());
    }

    /** The value of one counter (reset to zero if asked), or null when no counter has that name. */
    public Long value(String name, boolean reset) {
        LongAdder c = counters.get(name);
        if (c == null) {
            return null;
        }
        return reset ? c.sumThenReset() : c.sum();
    }

    /**
     * Every counter whose name contains {@code pattern} (4.34's substring match; empty matches all), by name,
     * each reset to zero if asked.
     */
    public Map<String, Long> query(String pattern, boolean reset) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((name, c) -> {
            if (name.contains(pattern)) {
                out.put(name, reset ? c.sumThenReset() : c.sum());
            }
        });
        return out;
    }

    /**
     * A pipeline handler adding to the counters named {@code readName} and {@code writtenName} (either may be
     * null: that direction is not counted); shared by every connection that counts into the same pair.
     */
    public TrafficCounter handler(String readName, String writtenName) {
        return handlers.computeIfAbsent(readName + "\n" + writtenName, k -> new TrafficCounter(
                readName == null ? null : counter(readName), writtenName == null ? null : counter(writtenName)));
    }
}
