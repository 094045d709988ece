package dev.vtool.engine.routing;

import dev.vtool.engine.EngineException;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.PortList;
import dev.vtool.schema.model.RoutingRule;
import java.util.List;
import java.util.Set;

/**
 * A compiled {@code field} rule: every set condition must hold; the target is an outbound or a balancer.
 * Its domain patterns, or else its networks, are checked by the {@link RuleTable}'s shared index; the rule
 * itself checks the rest.
 */
final class Rule {
    /** The expanded domain patterns, or null without a domain condition (kept only until indexed). */
    List<DomainIndex.Entry> domainEntries;
    /** The networks of the ip condition, or null without one (kept only until indexed). */
    List<Cidr> ipNetworks;
    /** The ip condition of a rule that the index finds by its domains, or null. */
    private final IpMatcher ipsBesideDomains;
    private final IpMatcher source;
    private final PortList port;
    private final PortList sourcePort;
    private final Set<Network> networks;
    private final List<String> users;
    private final List<String> inboundTags;
    private final List<String> protocols;
    private final dev.vtool.schema.model.AttrExpression attrs;
    final String outboundTag;
    final String balancerTag;

    Rule(RoutingRule r, GeoData geo) throws EngineException {
        domainEntries = r.domains().isEmpty() ? null : DomainIndex.entries(r.domains(), geo);
        ipNetworks = r.ips().isEmpty() ? null : IpMatcher.cidrs(r.ips(), geo);
        ipsBesideDomains = domainEntries != null && ipNetworks != null ? new IpMatcher(ipNetworks) : null;
        source = r.source().isEmpty() ? null : new IpMatcher(r.source(), geo);
        port = r.port();
        sourcePort = r.sourcePort();
        networks = r.networks();
        users = r.users();
        inboundTags = r.inboundTags();
        protocols = r.protocols();
        attrs = r.attrs();
        outboundTag = r.outboundTag();
        balancerTag = r.balancerTag();
    }

    boolean hasDomainCondition() {
        return domainEntries != null;
    }

    boolean hasIpCondition() {
        return ipNetworks != null;
    }

    /** Drops the patterns once the index holds them. */
    void indexed() {
        domainEntries = domainEntries == null ? null : List.of();
        ipNetworks = ipNetworks == null ? null : List.of();
    }

    /**
     * Whether every condition holds except the one the index already found true: the domain condition
     * when the rule has one, else the ip condition.
     */
    boolean matchesBeyondIndex(RoutingContext c) {
        if (ipsBesideDomains != null && !ipsBesideDomains.matchesAny(c.targetIps())) {
            return false;
        }
        if (port != null && !port.contains(c.port())) {
            return false;
        }
        if (sourcePort != null && !sourcePort.contains(c.sourcePort())) {
            return false;
        }
        if (!networks.isEmpty() && !networks.contains(c.network())) {
            return false;
        }
        if (source != null && !source.matches(c.sourceIp())) {
            return false;
        }
        if (!users.isEmpty() && !users.contains(c.user())) {
            return false;
        }
        if (!inboundTags.isEmpty() && !inboundTags.contains(c.inboundTag())) {
            return false;
        }
        if (attrs != null && !attrs.matches(c.attributes())) {
            return false;
        }
        if (!protocols.isEmpty()) {
            boolean any = false;
            for (String p : protocols) {
                if (!c.protocol().isEmpty() && c.protocol().startsWith(p)) {
                    any = true;
                    break;
                }
            }
            return any;
        }
        return true;
    }
}
