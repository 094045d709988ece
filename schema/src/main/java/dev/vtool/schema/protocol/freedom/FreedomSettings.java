package dev.vtool.schema.protocol.freedom;

import dev.vtool.schema.model.OutboundSettings;

/**
 * freedom outbound.
 *
 * @param redirectHost host of {@code redirect}, or null to keep the destination host
 * @param redirectPort port of {@code redirect}, or 0 when there is no redirect
 * @param allowPrivate vtool key: remote clients may reach loopback/private/reserved destinations
 */
public record FreedomSettings(Strategy domainStrategy, String redirectHost, int redirectPort, int userLevel,
                              boolean allowPrivate)
        implements OutboundSettings {
    public enum Strategy { AS_IS, USE_IP, USE_IPV4, USE_IPV6 }
}
