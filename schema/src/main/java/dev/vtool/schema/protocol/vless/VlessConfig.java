package dev.vtool.schema.protocol.vless;

import dev.vtool.schema.protocol.KnownProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.EnumSet;

/** {@code vless} (inbound and outbound in 4.34): known to lint, not run by vtool yet. */
public final class VlessConfig extends KnownProtocol {
    public VlessConfig() {
        super("vless", EnumSet.allOf(Side.class));
    }
}
