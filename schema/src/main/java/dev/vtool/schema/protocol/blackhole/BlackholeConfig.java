package dev.vtool.schema.protocol.blackhole;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.rules.BlackholeResponseRule;
import dev.vtool.schema.text.V2rayMessages;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** {@code blackhole}, outbound only: drops the connection, optionally after a 403 page. */
public final class BlackholeConfig extends DeclaredProtocol {
    public BlackholeConfig() {
        super("blackhole", EnumSet.of(Side.OUTBOUND), true);
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        ConfigNode r = s.object("response");
        if (r == null) {
            return new BlackholeSettings(false);
        }
        String type = r.string("type", null);
        if (type == null) {
            throw r.error(V2rayMessages.causedBy(V2rayMessages.BLACKHOLE_RESPONSE_FAILED, V2rayMessages.notFoundInJsonContext("type")));
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "none" -> new BlackholeSettings(false);
            case "http" -> new BlackholeSettings(true);
            default -> throw r.get("type").error(
                    V2rayMessages.causedBy(V2rayMessages.BLACKHOLE_RESPONSE_FAILED, V2rayMessages.unknownConfigId(type)));
        };
    }

    /** This protocol's own lint rules. */
    @Override
    public List<LintRule> rules() {
        return List.of(new BlackholeResponseRule());
    }
}
