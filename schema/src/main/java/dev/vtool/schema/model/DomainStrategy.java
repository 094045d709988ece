package dev.vtool.schema.model;

/** {@code routing.domainStrategy}: when the router resolves domains to match IP rules. */
public enum DomainStrategy { AS_IS, IP_IF_NON_MATCH, IP_ON_DEMAND }
