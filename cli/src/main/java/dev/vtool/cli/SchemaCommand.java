package dev.vtool.cli;

import dev.vtool.schema.validation.SchemaValidator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `vtool schema`: prints the JSON Schema so editors (VS Code json.schemas) can use it. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of the V2Ray 4.34 config format.",
                "Save it and point your editor at it, e.g. VS Code settings.json:",
                "  \"json.schemas\": [{\"fileMatch\": [\"*v2ray*.json\", \"config.json\"], \"url\": \"./v2ray.schema.json\"}]"})
public final class SchemaCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(SchemaValidator.schemaText());
        System.out.flush();
        return ExitCodes.OK;
    }
}
