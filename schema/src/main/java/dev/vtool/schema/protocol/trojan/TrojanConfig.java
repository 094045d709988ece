package dev.vtool.schema.protocol.trojan;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.protocol.fallback.Fallbacks;
import dev.vtool.schema.rules.TrojanFallbackAlpnRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code trojan}, inbound and outbound, read as 4.34's {@code infra/conf/trojan.go} reads it. */
public final class TrojanConfig extends DeclaredProtocol {
    public TrojanConfig() {
        super("trojan", EnumSet.allOf(Side.class), true);
    }

    @Override
    public InboundSettings parseInbound(ConfigNode inbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        List<TrojanUser> clients = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        for (ConfigNode c : s.array("clients")) {
            TrojanUser u = new TrojanUser(c.string("password", ""), (int) c.number("level", 0, 0, 255), c.string("email", ""));
            if (!u.email().isEmpty() && !emails.add(u.email().toLowerCase(Locale.ROOT))) {
                throw c.error("failed to add user > User " + u.email() + " already exists.");
            }
            clients.add(u);
        }
        return new TrojanInboundSettings(clients, Fallbacks.parse(s, "Trojan", problems));
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        List<TrojanServer> servers = new ArrayList<>();
        for (ConfigNode v : s.array("servers")) {
            String address = v.string("address", null);
            if (address == null) {
                throw v.error("Trojan server address is not set.");
            }
            int port = v.port("port");
            if (port == 0) {
                throw (v.has("port") ? v.get("port") : v).error("Invalid Trojan port.");
            }
            String password = v.string("password", "");
            if (password.isEmpty()) {
                throw v.error("Trojan password is not specified.");
            }
            servers.add(new TrojanServer(IpText.stripBrackets(address), port,
                    new TrojanUser(password, (int) v.number("level", 0, 0, 255), v.string("email", ""))));
        }
        if (servers.isEmpty()) {
            throw outbound.error("0 Trojan server configured.");
        }
        return new TrojanOutboundSettings(servers);
    }

    /** This protocol's own lint rules. */
    @Override
    public List<LintRule> rules() {
        return List.of(new TrojanFallbackAlpnRule());
    }
}
