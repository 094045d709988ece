package dev.vtool.schema.model;

/** Protocol-specific {@code settings} of an outbound; one record type per protocol. */
public interface OutboundSettings {
}
