package dev.vtool.schema.model;

import java.util.List;

/**
 * The {@code reverse} section (4.34's {@code app/reverse}): bridges dial their portal through routing and
 * serve what it opens; portals are outbounds that hand connections to a bridge's live link.
 */
public record ReverseSettings(List<Entry> bridges, List<Entry> portals) {
    public static final ReverseSettings NONE = new ReverseSettings(List.of(), List.of());

    public ReverseSettings {
        bridges = List.copyOf(bridges);
        portals = List.copyOf(portals);
    }

    /**
     * One bridge or portal.
     *
     * @param domain the domain marking the bridge's connections to the portal (the same on both sides)
     */
    public record Entry(String tag, String domain) {
    }

    public boolean isEmpty() {
        return bridges.isEmpty() && portals.isEmpty();
    }
}
