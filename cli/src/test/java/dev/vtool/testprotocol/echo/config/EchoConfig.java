package dev.vtool.testprotocol.echo.config;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.protocol.ConfigProtocol;
import dev.vtool.schema.protocol.Side;
import java.util.List;
import java.util.Set;

/**
 * Config side of {@code echo}, a protocol that exists only in the cli module's test scope: registered by
 * a test-scope services file and nothing else, to prove that lint, run and run -test pick a new protocol
 * package up without an edit anywhere else.
 */
public final class EchoConfig implements ConfigProtocol {
    @Override
    public String id() {
        return "echo";
    }

    @Override
    public Set<Side> sides() {
        return Set.of(Side.OUTBOUND);
    }

    @Override
    public boolean supportedByRun() {
        return true;
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode settings, ConfigProblems problems)
            throws ConfigModelException {
        String greeting = settings.string("greeting", "");
        if (greeting.isEmpty()) {
            throw outbound.error("echo: a greeting is required");
        }
        if (settings.bool("loud")) {
            problems.notSupported(settings.get("loud"), "echo \"loud\"");
        }
        return new EchoSettings(greeting);
    }

    @Override
    public List<LintRule> rules() {
        return List.of(new EchoGreetingRule());
    }
}
