package dev.vtool.schema.model;

/**
 * One inbound.
 *
 * @param listen  IP literal to bind, or null for all addresses
 * @param pointer JSON Pointer of this inbound in its file, for messages
 */
public record InboundConfig(String tag, String listen, PortRange ports, String protocol, InboundSettings settings,
                            Sniffing sniffing, String pointer) {
}
