package dev.vtool.schema.model;

import java.util.List;
import java.util.Set;

/**
 * A {@code field} rule. Conditions are ANDed, values inside one condition ORed; an empty list or null
 * means "not set". Exactly one of {@code outboundTag} / {@code balancerTag} is non-null.
 *
 * @param attrs the {@code attrs} expression, or null when the rule has none
 */
public record RoutingRule(List<String> domains, List<String> ips, PortList port, PortList sourcePort,
                          Set<Network> networks, List<String> source, List<String> users,
                          List<String> inboundTags, List<String> protocols, String outboundTag,
                          String balancerTag, String pointer, AttrExpression attrs) {
    public RoutingRule {
        domains = List.copyOf(domains);
        ips = List.copyOf(ips);
        networks = Set.copyOf(networks);
        source = List.copyOf(source);
        users = List.copyOf(users);
        inboundTags = List.copyOf(inboundTags);
        protocols = List.copyOf(protocols);
    }

    /** A rule without {@code attrs}. */
    public RoutingRule(List<String> domains, List<String> ips, PortList port, PortList sourcePort,
                       Set<Network> networks, List<String> source, List<String> users, List<String> inboundTags,
                       List<String> protocols, String outboundTag, String balancerTag, String pointer) {
        this(domains, ips, port, sourcePort, networks, source, users, inboundTags, protocols, outboundTag,
                balancerTag, pointer, null);
    }
}
