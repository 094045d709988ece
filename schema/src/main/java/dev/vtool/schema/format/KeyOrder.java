package dev.vtool.schema.format;

/** How {@code vtool fmt} orders the members of an object. */
public enum KeyOrder {
    /** As written (the default: only layout changes). */
    KEEP,
    /**
     * The order of V2Ray's documentation for the well-known objects (top level, log, routing and its rules,
     * inbounds, outbounds, streamSettings, sniffing); keys it does not know keep their order after them.
     */
    V2RAY
}
