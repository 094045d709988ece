package dev.vtool.schema.protocol.dns;

import dev.vtool.schema.protocol.KnownProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.EnumSet;

/** {@code dns} (outbound only in 4.34): known to lint, not run by vtool yet. */
public final class DnsConfig extends KnownProtocol {
    public DnsConfig() {
        super("dns", EnumSet.of(Side.OUTBOUND));
    }
}
