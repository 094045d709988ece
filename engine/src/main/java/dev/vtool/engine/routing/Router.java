package dev.vtool.engine.routing;

import dev.vtool.engine.EngineException;
import dev.vtool.schema.model.Balancer;
import dev.vtool.schema.model.DomainStrategy;
import dev.vtool.schema.model.Routing;
import dev.vtool.schema.model.RoutingRule;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * Picks the outbound tag for a connection: the first matching rule wins (found through one index of all
 * rules, see {@link RuleTable}); a balancer target picks at
 * random among outbounds whose tag starts with one of its selector prefixes. {@code null} means "no rule
 * matched": the default (first) outbound.
 */
public final class Router {
    private final RuleTable rules;
    private final Map<String, List<String>> balancerTargets = new HashMap<>();
    private final DomainStrategy strategy;
    private final boolean hasIpRules;

    public Router(Routing routing, List<String> outboundTags, GeoData geo) throws EngineException {
        this(routing, outboundTags, geo, null);
    }

    /**
     * @param refused where a rule that cannot be built goes (its JSON Pointer and the reason), so every
     *                such rule is named at once; null: throw at the first
     */
    public Router(Routing routing, List<String> outboundTags, GeoData geo, BiConsumer<String, String> refused)
            throws EngineException {
        this.strategy = routing.domainStrategy();
        boolean ipRules = false;
        List<Rule> compiled = new ArrayList<>();
        for (RoutingRule r : routing.rules()) {
            Rule rule;
            try {
                rule = new Rule(r, geo);
            } catch (EngineException e) {
                if (refused == null) {
                    throw e;
                }
                refused.accept(r.pointer(), e.getMessage());
                continue;
            }
            compiled.add(rule);
            ipRules |= rule.hasIpCondition();
        }
        this.rules = new RuleTable(compiled);
        this.hasIpRules = ipRules;
        for (Balancer b : routing.balancers()) {
            List<String> targets = new ArrayList<>();
            for (String tag : outboundTags) {
                for (String prefix : b.selector()) {
                    if (tag != null && tag.startsWith(prefix)) {
                        targets.add(tag);
                        break;
                    }
                }
            }
            balancerTargets.put(b.tag(), targets);
        }
    }

    /** How a domain destination should be resolved before or after matching. */
    public enum ResolvePlan { NONE, BEFORE_MATCH, IF_NO_MATCH }

    public ResolvePlan plan(RoutingContext c) {
        if (c.domain() == null || !hasIpRules) {
            return ResolvePlan.NONE;
        }
        return switch (strategy) {
            case AS_IS -> ResolvePlan.NONE;
            case IP_ON_DEMAND -> ResolvePlan.BEFORE_MATCH;
            case IP_IF_NON_MATCH -> ResolvePlan.IF_NO_MATCH;
        };
    }

    /** The outbound tag of the first matching rule, or null. */
    public String pick(RoutingContext c) {
        Rule r = rules.first(c);
        if (r == null) {
            return null;
        }
        if (r.outboundTag != null) {
            return r.outboundTag;
        }
        List<String> targets = balancerTargets.getOrDefault(r.balancerTag, List.of());
        // V2Ray: a balancer that selects nothing silently falls back to the default outbound
        return targets.isEmpty() ? null : targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
    }

    /** IPIfNonMatch second round: match again with the resolved addresses. */
    public String pickWithIps(RoutingContext c, List<InetAddress> ips) {
        return pick(c.withTargetIps(ips));
    }
}
