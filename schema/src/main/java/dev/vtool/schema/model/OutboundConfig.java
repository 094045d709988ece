package dev.vtool.schema.model;

/**
 * One outbound.
 *
 * @param sendThrough local IP to dial from, or null
 */
public record OutboundConfig(String tag, String protocol, OutboundSettings settings, String sendThrough,
                             String pointer) {
}
