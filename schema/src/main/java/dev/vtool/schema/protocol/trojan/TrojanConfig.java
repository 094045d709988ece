package dev.vtool.schema.protocol.trojan;

import dev.vtool.schema.protocol.KnownProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.EnumSet;

/** {@code trojan} (inbound and outbound in 4.34): known to lint, not run by vtool yet. */
public final class TrojanConfig extends KnownProtocol {
    public TrojanConfig() {
        super("trojan", EnumSet.allOf(Side.class));
    }
}
