package dev.vtool.schema.protocol.vmess;

import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.VmessUser;
import java.util.List;

/** vmess inbound: accepted users, {@code default} level/alterId and {@code disableInsecureEncryption}. */
public record VmessInboundSettings(List<VmessUser> clients, int defaultAlterId, int defaultLevel,
                                   boolean disableInsecureEncryption) implements InboundSettings {
    public VmessInboundSettings {
        clients = List.copyOf(clients);
    }
}
