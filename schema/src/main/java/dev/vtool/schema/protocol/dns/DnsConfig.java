package dev.vtool.schema.protocol.dns;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.EnumSet;

/**
 * {@code dns}, outbound only (4.34's {@code proxy/dns}): answers A/AAAA queries from the built-in DNS and
 * forwards every other query to the destination, whose network, address and port the settings may override.
 */
public final class DnsConfig extends DeclaredProtocol {
    public DnsConfig() {
        super("dns", EnumSet.of(Side.OUTBOUND), true);
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        // 4.34's Network type: tcp or udp; any other text silently leaves the network as it was
        Network network = switch (s.lowerString("network", "")) {
            case "tcp" -> Network.TCP;
            case "udp" -> Network.UDP;
            default -> null;
        };
        String address = s.string("address", null);
        if (address != null) {
            address = IpText.stripBrackets(address);
            if (address.isEmpty()) {
                address = null;
            }
        }
        return new DnsOutboundSettings(network, address, s.port("port"));
    }
}
