package dev.vtool.schema.protocol.socks;

import dev.vtool.schema.model.Accounts;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.model.ProxyServers;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.EnumSet;

/** {@code socks}, inbound and outbound. */
public final class SocksConfig extends DeclaredProtocol {
    public SocksConfig() {
        super("socks", EnumSet.allOf(Side.class), true);
    }

    @Override
    public InboundSettings parseInbound(ConfigNode inbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        // V2Ray compares "password" case-sensitively; anything else is no authentication.
        boolean password = "password".equals(s.string("auth", "noauth"));
        String ip = s.string("ip", null);
        if (ip != null && !IpText.isIpLiteral(ip)) {
            throw s.get("ip").error(s.get("ip").path() + ": expected an IP address, got " + ip);
        }
        return new SocksInboundSettings(password, Accounts.parse(s), s.bool("udp"), ip,
                (int) s.number("userLevel", 0, 0, 0xFFFFFFFFL));
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        return new SocksOutboundSettings(ProxyServers.parse(s, outbound, "socks"));
    }
}
