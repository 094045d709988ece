package dev.vtool.schema.protocol.shadowsocks;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.protocol.KnownProtocol;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.rules.ShadowsocksCipherRule;
import dev.vtool.schema.rules.ShadowsocksPasswordRule;
import java.util.EnumSet;
import java.util.List;

/** {@code shadowsocks} (inbound and outbound in 4.34): known to lint, not run by vtool yet. */
public final class ShadowsocksConfig extends KnownProtocol {
    public ShadowsocksConfig() {
        super("shadowsocks", EnumSet.allOf(Side.class));
    }

    /** This protocol's own lint rules. */
    @Override
    public List<LintRule> rules() {
        return List.of(new ShadowsocksCipherRule(), new ShadowsocksPasswordRule());
    }
}
