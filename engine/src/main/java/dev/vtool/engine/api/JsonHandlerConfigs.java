package dev.vtool.engine.api;

import dev.vtool.engine.EngineException;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.OutboundConfig;
import dev.vtool.schema.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Inbounds and outbounds added through HandlerService in vtool's form: the handler's JSON object, exactly
 * as in a config file, carried as a TypedMessage of type {@link #INBOUND} / {@link #OUTBOUND} (what
 * {@code vtool api addinbound} sends). They are read by the same model builder as a config file, so the
 * same keys, defaults and refusals apply.
 */
public final class JsonHandlerConfigs {
    public static final String INBOUND = "vtool.api.InboundJson";
    public static final String OUTBOUND = "vtool.api.OutboundJson";

    private JsonHandlerConfigs() {
    }

    static InboundConfig inbound(byte[] json) throws EngineException {
        Config c = read("inbounds", json);
        if (c.inbounds().size() != 1) {
            throw new EngineException("expected exactly one inbound object");
        }
        return c.inbounds().get(0);
    }

    static OutboundConfig outbound(byte[] json) throws EngineException {
        Config c = read("outbounds", json);
        if (c.outbounds().size() != 1) {
            throw new EngineException("expected exactly one outbound object");
        }
        return c.outbounds().get(0);
    }

    private static Config read(String section, byte[] json) throws EngineException {
        String text = new String(json, StandardCharsets.UTF_8);
        SourceFile source = new SourceFile("api", "{\"" + section + "\": [\n" + text + "\n]}");
        ReadResult read = new ConfigReader().read(source);
        if (read.document() == null || read.findings().stream().anyMatch(f -> f.isError())) {
            throw new EngineException("invalid JSON: " + read.findings().stream()
                    .filter(f -> f.isError()).map(f -> f.message()).collect(Collectors.joining("; ")));
        }
        ConfigProblems problems = new ConfigProblems(read.document());
        Config c = new ConfigModelBuilder().build(read.document(), problems);
        if (c == null || !problems.isEmpty()) {
            throw new EngineException(problems.all().stream().map(ConfigProblems.Problem::message)
                    .collect(Collectors.joining("; ")));
        }
        return c;
    }
}
