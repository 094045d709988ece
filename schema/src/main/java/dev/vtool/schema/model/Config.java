package dev.vtool.schema.model;

import java.util.List;

/**
 * Everything {@code vtool run} needs from the configuration files, with V2Ray's defaults applied.
 *
 * @param stats whether the {@code stats} section is present (4.34 registers no counter without it)
 * @param api   the {@code api} section, or null
 * @param reverse the {@code reverse} section ({@link ReverseSettings#NONE} without one)
 */
public record Config(LogSettings log, Policy policy, List<InboundConfig> inbounds, List<OutboundConfig> outbounds,
                     Routing routing, DnsSettings dns, boolean stats, ApiSettings api, ReverseSettings reverse) {
    public Config {
        inbounds = List.copyOf(inbounds);
        outbounds = List.copyOf(outbounds);
        dns = dns == null ? DnsSettings.ABSENT : dns;
        reverse = reverse == null ? ReverseSettings.NONE : reverse;
    }

    /** A config without a {@code reverse} section. */
    public Config(LogSettings log, Policy policy, List<InboundConfig> inbounds, List<OutboundConfig> outbounds,
                  Routing routing, DnsSettings dns, boolean stats, ApiSettings api) {
        this(log, policy, inbounds, outbounds, routing, dns, stats, api, ReverseSettings.NONE);
    }

    /** A config without {@code stats} and {@code api}. */
    public Config(LogSettings log, Policy policy, List<InboundConfig> inbounds, List<OutboundConfig> outbounds,
                  Routing routing, DnsSettings dns) {
        this(log, policy, inbounds, outbounds, routing, dns, false, null);
    }

    /** A config without a {@code dns} section, {@code stats} and {@code api}. */
    public Config(LogSettings log, Policy policy, List<InboundConfig> inbounds, List<OutboundConfig> outbounds,
                  Routing routing) {
        this(log, policy, inbounds, outbounds, routing, DnsSettings.ABSENT);
    }
}
