package dev.vtool.schema.protocol.vless;

import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.protocol.fallback.Fallback;
import java.util.List;

/** vless inbound ({@code decryption} is always "none"): accepted users and where everything else goes. */
public record VlessInboundSettings(List<VlessUser> clients, List<Fallback> fallbacks) implements InboundSettings {
    public VlessInboundSettings {
        clients = List.copyOf(clients);
        fallbacks = List.copyOf(fallbacks);
    }
}
