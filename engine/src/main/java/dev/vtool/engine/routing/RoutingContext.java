package dev.vtool.engine.routing;

import dev.vtool.schema.model.Network;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The facts a rule can look at.
 *
 * @param domain    the destination domain, or null when the destination is an IP
 * @param targetIps destination IPs: the literal, or what the domain resolved to (empty if not resolved)
 * @param attributes the HTTP attributes {@code attrs} rules look at, or null
 */
public record RoutingContext(Network network, String domain, List<InetAddress> targetIps, int port,
                             InetAddress sourceIp, int sourcePort, String inboundTag, String user,
                             String protocol, Map<String, String> attributes) {
    /** A context without HTTP attributes. */
    public RoutingContext(Network network, String domain, List<InetAddress> targetIps, int port,
                          InetAddress sourceIp, int sourcePort, String inboundTag, String user, String protocol) {
        this(network, domain, targetIps, port, sourceIp, sourcePort, inboundTag, user, protocol, null);
    }

    public RoutingContext withTargetIps(List<InetAddress> ips) {
        return new RoutingContext(network, domain, ips, port, sourceIp, sourcePort, inboundTag, user, protocol,
                attributes);
    }
}
