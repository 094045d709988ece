package dev.vtool.schema.protocol.shadowsocks;

import dev.vtool.schema.protocol.KnownProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.EnumSet;

/** {@code shadowsocks} (inbound and outbound in 4.34): known to lint, not run by vtool yet. */
public final class ShadowsocksConfig extends KnownProtocol {
    public ShadowsocksConfig() {
        super("shadowsocks", EnumSet.allOf(Side.class));
    }
}
