package dev.vtool.schema.model;

import java.util.Map;

/**
 * The {@code policy} section: per-level session policies (levels not listed get the defaults) and
 * vtool's resource {@code limits}.
 */
public record Policy(Map<Integer, LevelPolicy> levels, Limits limits) {
    public static final Policy DEFAULT = new Policy(Map.of(), Limits.DEFAULT);

    public Policy {
        levels = Map.copyOf(levels);
    }

    public LevelPolicy forLevel(int level) {
        return levels.getOrDefault(level, LevelPolicy.DEFAULT);
    }
}
