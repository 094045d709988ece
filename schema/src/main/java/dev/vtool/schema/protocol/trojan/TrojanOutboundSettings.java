package dev.vtool.schema.protocol.trojan;

import dev.vtool.schema.model.OutboundSettings;
import java.util.List;

/** trojan outbound: the servers, taken in turn. */
public record TrojanOutboundSettings(List<TrojanServer> servers) implements OutboundSettings {
    public TrojanOutboundSettings {
        servers = List.copyOf(servers);
    }
}
