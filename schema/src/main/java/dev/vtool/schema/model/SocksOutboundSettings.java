package dev.vtool.schema.model;

import java.util.List;

/** socks outbound: SOCKS5 servers to connect through. */
public record SocksOutboundSettings(List<ProxyServer> servers) implements OutboundSettings {
    public SocksOutboundSettings {
        servers = List.copyOf(servers);
    }
}
