package dev.vtool.schema.protocol.socks;

import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.model.ProxyServer;
import java.util.List;

/** socks outbound: SOCKS5 servers to connect through. */
public record SocksOutboundSettings(List<ProxyServer> servers) implements OutboundSettings {
    public SocksOutboundSettings {
        servers = List.copyOf(servers);
    }
}
