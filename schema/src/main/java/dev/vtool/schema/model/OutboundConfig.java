package dev.vtool.schema.model;

import dev.vtool.schema.transport.StreamSettings;

/**
 * One outbound.
 *
 * @param sendThrough    local IP to dial from, or null
 * @param proxyTag       {@code proxySettings.tag}: connections to this outbound's server are made through
 *                       the outbound with that tag; null for direct
 * @param streamSettings how connections to its server are carried (network, security, socket options)
 */
public record OutboundConfig(String tag, String protocol, OutboundSettings settings, String sendThrough,
                             String proxyTag, StreamSettings streamSettings, String pointer) {
}
