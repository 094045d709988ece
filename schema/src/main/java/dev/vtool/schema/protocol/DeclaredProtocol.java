package dev.vtool.schema.protocol;

import java.util.Set;

/**
 * The usual shape of a {@link ConfigProtocol}: its id, sides and whether run supports it are fixed when it
 * is constructed; subclasses add the settings parsers and rules.
 */
public abstract class DeclaredProtocol implements ConfigProtocol {
    private final String id;
    private final Set<Side> sides;
    private final boolean supportedByRun;

    protected DeclaredProtocol(String id, Set<Side> sides, boolean supportedByRun) {
        this.id = id;
        this.sides = Set.copyOf(sides);
        this.supportedByRun = supportedByRun;
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
        return supportedByRun;
    }
}
