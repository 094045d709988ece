package dev.vtool.schema.protocol.mtproto;

import dev.vtool.schema.protocol.KnownProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.EnumSet;

/** {@code mtproto} (inbound and outbound in 4.34): known to lint, not run by vtool yet. */
public final class MtprotoConfig extends KnownProtocol {
    public MtprotoConfig() {
        super("mtproto", EnumSet.allOf(Side.class));
    }
}
