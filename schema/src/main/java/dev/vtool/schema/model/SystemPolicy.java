package dev.vtool.schema.model;

/**
 * {@code policy.system}: which per-handler traffic counters exist (they also need the {@code stats} section),
 * named {@code inbound>>>TAG>>>traffic>>>uplink} and so on; handlers without a tag are never counted.
 */
public record SystemPolicy(boolean statsInboundUplink, boolean statsInboundDownlink, boolean statsOutboundUplink,
                           boolean statsOutboundDownlink) {
    public static final SystemPolicy DEFAULT = new SystemPolicy(false, false, false, false);
}
