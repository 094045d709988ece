package dev.vtool.schema.protocol;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.OutboundSettings;
import java.util.List;
import java.util.Set;

/**
 * The config side of one protocol: its id, the sides it has, whether {@code vtool run} can run it, its
 * {@code settings} parser and its own lint rules. One implementation per protocol package
 * ({@code dev.vtool.schema.protocol.vmess}, ...), listed in
 * {@code META-INF/services/dev.vtool.schema.protocol.ConfigProtocol}; nothing else names protocols, so
 * adding one touches its package, that list and the engine's package and list. Loading these classes
 * never loads the engine: lint stays fast.
 */
public interface ConfigProtocol {
    /** The id as written in {@code "protocol"}, lower case (4.34 lower-cases it before the lookup). */
    String id();

    /** The sides 4.34 has this protocol on. */
    Set<Side> sides();

    /**
     * Whether {@code vtool run} runs it; when false, run and run -test refuse it by name and lint says so
     * as info. Every runnable protocol has an engine handler (a test checks that).
     */
    boolean supportedByRun();

    /**
     * Parses an inbound's {@code settings} (an empty object when absent). Report what vtool cannot run
     * to {@code problems}; throw for a value that stops this inbound (V2Ray's wording where it has one).
     *
     * @param inbound the whole inbound, for errors that belong to it rather than to a settings key
     */
    default InboundSettings parseInbound(ConfigNode inbound, ConfigNode settings, ConfigProblems problems)
            throws ConfigModelException {
        throw new UnsupportedOperationException(id() + " has no inbound settings parser");
    }

    /** The same for an outbound's {@code settings}. */
    default OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode settings, ConfigProblems problems)
            throws ConfigModelException {
        throw new UnsupportedOperationException(id() + " has no outbound settings parser");
    }

    /** Lint rules that belong to this protocol (run after the general ones). */
    default List<LintRule> rules() {
        return List.of();
    }
}
