package dev.vtool.schema.protocol.vless;

import dev.vtool.schema.model.OutboundSettings;
import java.util.List;

/** vless outbound: the servers, taken in turn. */
public record VlessOutboundSettings(List<VlessServer> vnext) implements OutboundSettings {
    public VlessOutboundSettings {
        vnext = List.copyOf(vnext);
    }
}
