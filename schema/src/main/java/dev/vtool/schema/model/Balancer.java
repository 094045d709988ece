package dev.vtool.schema.model;

import java.util.List;

/** A balancer: picks at random among outbounds whose tag starts with one of the selector prefixes. */
public record Balancer(String tag, List<String> selector) {
    public Balancer {
        selector = List.copyOf(selector);
    }
}
