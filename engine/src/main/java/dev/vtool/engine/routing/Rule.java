package dev.vtool.engine.routing;

import dev.vtool.engine.EngineException;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.PortList;
import dev.vtool.schema.model.RoutingRule;
import java.util.List;
import java.util.Set;

/** A compiled {@code field} rule: every set condition must hold; the target is an outbound or a balancer. */
final class Rule {
    private final DomainMatcher domains;
    private final IpMatcher ips;
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
        domains = r.domains().isEmpty() ? null : new DomainMatcher(r.domains(), geo);
        ips = r.ips().isEmpty() ? null : new IpMatcher(r.ips(), geo);
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

    boolean hasIpCondition() {
        return ips != null;
    }

    boolean matches(RoutingContext c) {
        if (domains != null && !domains.matches(c.domain())) {
            return false;
        }
        if (ips != null && !ips.matchesAny(c.targetIps())) {
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
