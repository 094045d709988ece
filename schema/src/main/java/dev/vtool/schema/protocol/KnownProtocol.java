package dev.vtool.schema.protocol;

import java.util.Set;

/**
 * A protocol 4.34 has and {@code vtool run} does not run yet: lint knows its id (no unknown-protocol
 * error), run refuses it by name. When its engine side arrives, it becomes a full {@link ConfigProtocol}
 * in its own package.
 */
public abstract class KnownProtocol implements ConfigProtocol {
    private final String id;
    private final Set<Side> sides;

    protected KnownProtocol(String id, Set<Side> sides) {
        this.id = id;
        this.sides = Set.copyOf(sides);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Set<Side> sides() {
        return sides;
    }

    @Override
    public final boolean supportedByRun() {
        return false;
    }
}
