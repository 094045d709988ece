package dev.vtool.schema.model;

import java.util.List;

/**
 * The {@code dns} section: V2Ray's built-in DNS. Without a section ({@link #ABSENT}) every lookup goes to
 * the system resolver, as in 4.34.
 *
 * @param hosts in 4.34's order (keys sorted)
 * @param tag   the inbound tag its own queries carry through routing (null: a random one, as in 4.34)
 */
public record DnsSettings(boolean present, List<DnsServer> servers, List<DnsHost> hosts, String clientIp,
                          String tag) {
    public static final DnsSettings ABSENT = new DnsSettings(false, List.of(), List.of(), null, null);

    public DnsSettings {
        servers = List.copyOf(servers);
        hosts = List.copyOf(hosts);
    }
}
