package dev.vtool.schema.protocol.freedom;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.rules.FreedomAllowPrivateRule;
import dev.vtool.schema.rules.FreedomRedirectRule;
import java.util.EnumSet;
import java.util.List;

/** {@code freedom}, outbound only: connects to the destination directly. */
public final class FreedomConfig extends DeclaredProtocol {
    public FreedomConfig() {
        super("freedom", EnumSet.of(Side.OUTBOUND), true);
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        FreedomSettings.Strategy strategy = switch (s.lowerString("domainStrategy", "asis")) {
            case "useip", "use_ip" -> FreedomSettings.Strategy.USE_IP;
            case "useipv4", "useip4", "use_ipv4", "use_ip_v4", "use_ip4" -> FreedomSettings.Strategy.USE_IPV4;
            case "useipv6", "useip6", "use_ipv6", "use_ip_v6", "use_ip6" -> FreedomSettings.Strategy.USE_IPV6;
            default -> FreedomSettings.Strategy.AS_IS; // 4.34 falls back to AsIs for anything else
        };
        String host = null;
        int port = 0;
        String redirect = s.string("redirect", "");
        if (!redirect.isEmpty()) {
            int colon = redirect.lastIndexOf(':');
            if (colon < 0) {
                throw s.get("redirect").error("invalid redirect address: " + redirect + ": address " + redirect
                        + ": missing port in address");
            }
            String portText = redirect.substring(colon + 1);
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw s.get("redirect").error("invalid redirect port: " + portText);
            }
            host = IpText.stripBrackets(redirect.substring(0, colon));
            if (host.isEmpty()) {
                host = null;
            }
        }
        return new FreedomSettings(strategy, host, port, (int) s.number("userLevel", 0, 0, 0xFFFFFFFFL),
                s.bool("allowPrivate"));
    }

    /** This protocol's own lint rules. */
    @Override
    public List<LintRule> rules() {
        return List.of(new FreedomAllowPrivateRule(), new FreedomRedirectRule());
    }
}
