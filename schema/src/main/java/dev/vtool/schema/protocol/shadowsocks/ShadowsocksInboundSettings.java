package dev.vtool.schema.protocol.shadowsocks;

import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.Network;
import java.util.Set;

/**
 * shadowsocks inbound: 4.34 has exactly one user per inbound (method, password, level, email at the
 * settings level), and listens on the networks {@code network} lists (TCP when absent) plus UDP when
 * {@code udp} is true.
 */
public record ShadowsocksInboundSettings(ShadowsocksMethod method, String password, int level, String email,
                                         Set<Network> networks) implements InboundSettings {
    public ShadowsocksInboundSettings {
        networks = Set.copyOf(networks);
    }

    @Override
    public int userLevel() {
        return level;
    }

    @Override
    public String toString() {
        // the password stays out of logs and test reports
        return "ShadowsocksInboundSettings[method=" + method.canonical() + ", level=" + level + ", email=" + email
                + ", networks=" + networks + "]";
    }
}
