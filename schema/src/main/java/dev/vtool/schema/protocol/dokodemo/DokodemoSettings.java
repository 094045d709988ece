package dev.vtool.schema.protocol.dokodemo;

import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.Network;
import java.util.Set;

/**
 * dokodemo-door inbound: every connection goes to {@code address:port}.
 *
 * @param followRedirect whether the destination is the original one of a connection iptables redirected
 *                       (REDIRECT or TPROXY); the fixed address is then only the fallback
 */
public record DokodemoSettings(String address, int port, Set<Network> networks, int timeout, int userLevel,
                               boolean followRedirect) implements InboundSettings {
    public DokodemoSettings {
        networks = Set.copyOf(networks);
    }

    /** 4.34's ReceiveOriginalDestination: set by followRedirect. */
    @Override
    public boolean receivesOriginalDestination() {
        return followRedirect;
    }

    @Override
    public int idleTimeoutOverride() {
        return userLevel == 0 ? timeout : 0;
    }
}
