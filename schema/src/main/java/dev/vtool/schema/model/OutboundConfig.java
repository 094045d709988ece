package dev.vtool.schema.model;

import dev.vtool.schema.transport.StreamSettings;

/**
 * One outbound.
 *
 * @param sendThrough    local IP to dial from, or null
 * @param proxyTag       {@code proxySettings.tag}: connections to this outbound's server are made through
 *                       the outbound with that tag; null for direct
 * @param streamSettings how connections to its server are carried (network, security, socket options)
 * @param muxConcurrency {@code mux}: how many sessions one Mux.cool connection carries at once; 0 when mux is off
 */
public record OutboundConfig(String tag, String protocol, OutboundSettings settings, String sendThrough,
                             String proxyTag, StreamSettings streamSettings, String pointer, int muxConcurrency) {
    /** An outbound without mux. */
    public OutboundConfig(String tag, String protocol, OutboundSettings settings, String sendThrough,
                          String proxyTag, StreamSettings streamSettings, String pointer) {
        this(tag, protocol, settings, sendThrough, proxyTag, streamSettings, pointer, 0);
    }

    public boolean mux() {
        return muxConcurrency > 0;
    }
}
