package dev.vtool.schema.protocol.shadowsocks;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.rules.ShadowsocksCipherRule;
import dev.vtool.schema.rules.ShadowsocksPasswordRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code shadowsocks}, inbound and outbound, read as 4.34's {@code infra/conf/shadowsocks.go} reads it:
 * the same checks in the same order, with its messages.
 */
public final class ShadowsocksConfig extends DeclaredProtocol {
    static final String NO_PASSWORD = "Shadowsocks password is not specified.";

    public ShadowsocksConfig() {
        super("shadowsocks", EnumSet.allOf(Side.class), true);
    }

    @Override
    public InboundSettings parseInbound(ConfigNode inbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        Set<Network> networks = networks(s);
        if (s.bool("udp")) {
            networks.add(Network.UDP);
        }
        String password = s.string("password", "");
        if (password.isEmpty()) {
            throw (s.has("password") ? s.get("password") : inbound).error(NO_PASSWORD);
        }
        ShadowsocksMethod method = method(s, inbound);
        int level = (int) s.number("level", 0, 0, 255);
        return new ShadowsocksInboundSettings(method, password, level, s.string("email", ""), networks);
    }

    /**
     * Whether 4.34 serves UDP for an inbound with these {@code settings} ({@code udp: true} or "udp" in
     * {@code network}); false when they do not parse.
     */
    public static boolean servesUdp(ConfigNode settings) {
        try {
            return settings.bool("udp") || networks(settings).contains(Network.UDP);
        } catch (ConfigModelException e) {
            return false;
        }
    }

    /**
     * 4.34's NetworkList, exactly: a string is split at commas without trimming (so {@code "tcp, udp"} is
     * TCP and an unknown " udp"), names are matched case-insensitively, unknown ones select nothing; an
     * absent or empty list means TCP.
     */
    static Set<Network> networks(ConfigNode s) throws ConfigModelException {
        ConfigNode n = s.get("network");
        if (n == null || n.json().isNull()) {
            return EnumSet.of(Network.TCP);
        }
        List<String> names = new ArrayList<>();
        if (n.json().isString()) {
            names.addAll(List.of(n.json().asString().split(",", -1)));
        } else if (n.json().isArray()) {
            for (tools.jackson.databind.JsonNode item : n.json()) {
                if (!item.isString()) {
                    throw n.error("unknown format of a string list: " + n.json());
                }
                names.add(item.asString());
            }
        } else {
            throw n.error("unknown format of a string list: " + n.json());
        }
        if (names.isEmpty()) {
            return EnumSet.of(Network.TCP);
        }
        Set<Network> out = EnumSet.noneOf(Network.class);
        for (String name : names) {
            switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "tcp" -> out.add(Network.TCP);
                case "udp" -> out.add(Network.UDP);
                default -> { } // Network_Unknown: no listener for it
            }
        }
        return out;
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        List<ShadowsocksServer> servers = new ArrayList<>();
        for (ConfigNode srv : s.array("servers")) {
            String address = srv.string("address", "");
            if (address.isEmpty()) {
                throw srv.error("Shadowsocks server address is not set.");
            }
            int port = srv.port("port");
            if (port == 0) {
                throw (srv.has("port") ? srv.get("port") : srv).error("Invalid Shadowsocks port.");
            }
            String password = srv.string("password", "");
            if (password.isEmpty()) {
                throw (srv.has("password") ? srv.get("password") : srv).error(NO_PASSWORD);
            }
            servers.add(new ShadowsocksServer(IpText.stripBrackets(address), port, method(srv, srv), password,
                    (int) srv.number("level", 0, 0, 255), srv.string("email", "")));
        }
        if (servers.isEmpty()) {
            throw outbound.error("0 Shadowsocks server configured.");
        }
        return new ShadowsocksOutboundSettings(servers);
    }

    private static ShadowsocksMethod method(ConfigNode s, ConfigNode owner) throws ConfigModelException {
        String name = s.string("method", "");
        ShadowsocksMethod method = ShadowsocksMethod.byName(name);
        if (method == null) {
            throw (s.has("method") ? s.get("method") : owner).error("unknown cipher method: " + name);
        }
        return method;
    }

    /** This protocol's own lint rules. */
    @Override
    public List<LintRule> rules() {
        return List.of(new ShadowsocksCipherRule(), new ShadowsocksPasswordRule());
    }
}
