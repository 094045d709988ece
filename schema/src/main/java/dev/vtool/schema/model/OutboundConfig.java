package dev.vtool.schema.model;

/**
 * One outbound.
 *
 * @param sendThrough local IP to dial from, or null
 * @param proxyTag    {@code proxySettings.tag}: connections to this outbound's server are made through
 *                    the outbound with that tag; null for direct
 */
public record OutboundConfig(String tag, String protocol, OutboundSettings settings, String sendThrough,
                             String proxyTag, String pointer) {
}
