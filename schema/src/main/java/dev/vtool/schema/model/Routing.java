package dev.vtool.schema.model;

import java.util.List;

/** The {@code routing} section. */
public record Routing(DomainStrategy domainStrategy, List<RoutingRule> rules, List<Balancer> balancers) {
    public static final Routing EMPTY = new Routing(DomainStrategy.AS_IS, List.of(), List.of());

    public Routing {
        rules = List.copyOf(rules);
        balancers = List.copyOf(balancers);
    }
}
