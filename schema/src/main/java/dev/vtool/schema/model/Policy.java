package dev.vtool.schema.model;

import java.util.Map;

/**
 * The {@code policy} section: per-level session policies (levels not listed get the defaults), the
 * {@code system} counters and vtool's resource {@code limits}.
 */
public record Policy(Map<Integer, LevelPolicy> levels, SystemPolicy system, Limits limits) {
    public static final Policy DEFAULT = new Policy(Map.of(), SystemPolicy.DEFAULT, Limits.DEFAULT);

    public Policy {
        levels = Map.copyOf(levels);
    }

    public Policy(Map<Integer, LevelPolicy> levels, Limits limits) {
        this(levels, SystemPolicy.DEFAULT, limits);
    }

    public LevelPolicy forLevel(int level) {
        return levels.getOrDefault(level, LevelPolicy.DEFAULT);
    }
}
