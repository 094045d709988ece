package dev.vtool.schema.model;

import java.util.Map;

/** The {@code policy} section: per-level session policies; levels not listed get the defaults. */
public record Policy(Map<Integer, LevelPolicy> levels) {
    public static final Policy DEFAULT = new Policy(Map.of());

    public Policy {
        levels = Map.copyOf(levels);
    }

    public LevelPolicy forLevel(int level) {
        return levels.getOrDefault(level, LevelPolicy.DEFAULT);
    }
}
