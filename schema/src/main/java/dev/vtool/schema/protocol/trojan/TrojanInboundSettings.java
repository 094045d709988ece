package dev.vtool.schema.protocol.trojan;

import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.protocol.fallback.Fallback;
import java.util.List;

/** trojan inbound: accepted users and where everything else goes. */
public record TrojanInboundSettings(List<TrojanUser> clients, List<Fallback> fallbacks) implements InboundSettings {
    public TrojanInboundSettings {
        clients = List.copyOf(clients);
        fallbacks = List.copyOf(fallbacks);
    }
}
