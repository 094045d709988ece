package dev.vtool.engine.routing;

import dev.vtool.schema.model.Network;
import java.net.InetAddress;
import java.util.List;

/**
 * The facts a rule can look at.
 *
 * @param domain    the destination domain, or null when the destination is an IP
 * @param targetIps destination IPs: the literal, or what the domain resolved to (empty if not resolved)
 */
public record RoutingContext(Network network, String domain, List<InetAddress> targetIps, int port,
                             InetAddress sourceIp, int sourcePort, String inboundTag, String user,
                             String protocol) {
    public RoutingContext withTargetIps(List<InetAddress> ips) {
        return new RoutingContext(network, domain, ips, port, sourceIp, sourcePort, inboundTag, user, protocol);
    }
}
