package dev.vtool.schema.model;

/** Protocol-specific {@code settings} of an outbound; one record type per protocol. */
public interface OutboundSettings {
    /**
     * Whether this outbound's {@code domainStrategy} makes 4.34 resolve names with its built-in DNS (freedom's
     * UseIP*), which vtool run does not have yet.
     */
    default boolean resolvesWithBuiltInDns() {
        return false;
    }
}
