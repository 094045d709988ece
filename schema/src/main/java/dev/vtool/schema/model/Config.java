package dev.vtool.schema.model;

import java.util.List;

/** Everything {@code vtool run} needs from the configuration files, with V2Ray's defaults applied. */
public record Config(LogSettings log, Policy policy, List<InboundConfig> inbounds, List<OutboundConfig> outbounds,
                     Routing routing, DnsSettings dns) {
    public Config {
        inbounds = List.copyOf(inbounds);
        outbounds = List.copyOf(outbounds);
        dns = dns == null ? DnsSettings.ABSENT : dns;
    }

    /** A config without a {@code dns} section. */
    public Config(LogSettings log, Policy policy, List<InboundConfig> inbounds, List<OutboundConfig> outbounds,
                  Routing routing) {
        this(log, policy, inbounds, outbounds, routing, DnsSettings.ABSENT);
    }
}
