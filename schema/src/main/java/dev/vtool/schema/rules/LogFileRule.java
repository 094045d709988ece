package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** Log files in a directory that does not exist: V2Ray cannot open them and refuses to start. */
public final class LogFileRule extends SimpleRule {
    public LogFileRule() {
        super("log-file", Severity.ERROR,
                "An access/error log path in a directory that does not exist; V2Ray fails to open it and refuses to start.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        JsonNode log = Keys.get(doc.root(), "log");
        String logPtr = Keys.ptr("", doc.root(), "log");
        for (String key : new String[] {"access", "error"}) {
            String path = Keys.text(log, key);
            if (path == null || path.isEmpty() || path.equalsIgnoreCase("none") || !path.startsWith("/")) {
                continue;
            }
            Path parent = Path.of(path).getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                ctx.report(Keys.ptr(logPtr, log, key), key + " log directory " + parent + " does not exist; V2Ray fails with "
                                + "\"failed to initialize " + key + " logger > open " + path + ": no such file or directory\"",
                        "create " + parent + " (writable by V2Ray's user, e.g. /var/log/v2ray/), or remove \"" + key
                                + "\" to log to the console");
            }
        }
    }
}
