package dev.vtool.schema.protocol.dns;

import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.OutboundSettings;

/**
 * dns outbound: overrides of where the queries it does not answer itself go.
 *
 * @param network the network to the server, or null to keep the query's
 * @param address the server's IP or domain, or null to keep the query's destination
 * @param port    the server's port, or 0 to keep the query's
 */
public record DnsOutboundSettings(Network network, String address, int port) implements OutboundSettings {
}
