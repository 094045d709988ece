package dev.vtool.schema.protocol.dokodemo;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.Networks;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code dokodemo-door}, inbound only: every connection goes to one fixed destination, or with
 * {@code followRedirect} to the one the kernel kept for a redirected or transparently proxied connection.
 */
public final class DokodemoConfig extends DeclaredProtocol {
    public DokodemoConfig() {
        super("dokodemo-door", EnumSet.of(Side.INBOUND), true);
    }

    @Override
    public InboundSettings parseInbound(ConfigNode inbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        Set<Network> networks = Networks.parse(s, "network");
        if (networks.isEmpty()) {
            networks = EnumSet.of(Network.TCP);
        }
        return new DokodemoSettings(s.string("address", null), s.port("port"), networks,
                (int) s.number("timeout", 0, 0, 0xFFFFFFFFL), (int) s.number("userLevel", 0, 0, 0xFFFFFFFFL),
                s.bool("followRedirect"));
    }
}
