package dev.vtool.schema.protocol.dokodemo;

import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.Network;
import java.util.Set;

/** dokodemo-door inbound: every connection goes to {@code address:port}. */
public record DokodemoSettings(String address, int port, Set<Network> networks, int timeout, int userLevel)
        implements InboundSettings {
    public DokodemoSettings {
        networks = Set.copyOf(networks);
    }

    @Override
    public int idleTimeoutOverride() {
        return userLevel == 0 ? timeout : 0;
    }
}
