package dev.vtool.schema.protocol;

import java.util.Set;

/**
 * A protocol 4.34 has and {@code vtool run} does not run yet: lint knows its id (no unknown-protocol
 * error), run refuses it by name. When its engine side arrives, it becomes a full {@link ConfigProtocol}
 * in its own package.
 */
public abstract class KnownProtocol extends DeclaredProtocol {
    protected KnownProtocol(String id, Set<Side> sides) {
        super(id, sides, false);
    }
}
