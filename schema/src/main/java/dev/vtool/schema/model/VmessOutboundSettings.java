package dev.vtool.schema.model;

import java.util.List;

/** vmess outbound: the servers to tunnel to. */
public record VmessOutboundSettings(List<VmessServer> vnext) implements OutboundSettings {
    public VmessOutboundSettings {
        vnext = List.copyOf(vnext);
    }
}
