package dev.vtool.schema.protocol.vmess;

import dev.vtool.schema.model.OutboundSettings;
import java.util.List;

/** vmess outbound: the servers to tunnel to. */
public record VmessOutboundSettings(List<VmessServer> vnext) implements OutboundSettings {
    public VmessOutboundSettings {
        vnext = List.copyOf(vnext);
    }
}
