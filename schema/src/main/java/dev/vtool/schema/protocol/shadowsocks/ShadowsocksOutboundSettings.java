package dev.vtool.schema.protocol.shadowsocks;

import dev.vtool.schema.model.OutboundSettings;
import java.util.List;

/** shadowsocks outbound: servers taken round-robin per connection, as 4.34 picks them. */
public record ShadowsocksOutboundSettings(List<ShadowsocksServer> servers) implements OutboundSettings {
    public ShadowsocksOutboundSettings {
        servers = List.copyOf(servers);
    }
}
