package dev.vtool.schema.protocol.http;

import dev.vtool.schema.model.Accounts;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.model.ProxyServers;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.EnumSet;

/** {@code http}, inbound (proxy server) and outbound (CONNECT client). */
public final class HttpConfig extends DeclaredProtocol {
    public HttpConfig() {
        super("http", EnumSet.allOf(Side.class), true);
    }

    @Override
    public InboundSettings parseInbound(ConfigNode inbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        return new HttpInboundSettings(Accounts.parse(s), s.bool("allowTransparent"),
                (int) s.number("timeout", 0, 0, 0xFFFFFFFFL), (int) s.number("userLevel", 0, 0, 0xFFFFFFFFL));
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        return new HttpOutboundSettings(ProxyServers.parse(s, outbound, "http"));
    }
}
