package dev.vtool.schema.model;

/** Protocol-specific {@code settings} of an inbound; one record type per protocol. */
public interface InboundSettings {
    /** The level whose policy applies to connections of this inbound (before a user is known). */
    default int userLevel() {
        return 0;
    }
}
