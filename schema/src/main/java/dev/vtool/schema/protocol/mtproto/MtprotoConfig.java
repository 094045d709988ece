package dev.vtool.schema.protocol.mtproto;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.protocol.KnownProtocol;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.rules.MtprotoUserRule;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code mtproto} (inbound and outbound in 4.34): known to lint, refused by run on purpose. 4.34 speaks the
 * original MTProxy protocol without fake-TLS or padding, which Telegram clients treat as legacy and a censor
 * fingerprints at once: dead weight for a proxy people deploy today.
 */
public final class MtprotoConfig extends KnownProtocol {
    public MtprotoConfig() {
        super("mtproto", EnumSet.allOf(Side.class));
    }

    /** This protocol's own lint rules. */
    @Override
    public List<LintRule> rules() {
        return List.of(new MtprotoUserRule());
    }
}
