package dev.vtool.schema.rules;

import dev.vtool.schema.lint.RuleContext;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Files a config names (certificates, keys). V2Ray opens relative paths from its working directory, which vtool
 * cannot know; people usually start it next to the config or from a parent directory of it, so those are tried.
 */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The readable file {@code name} refers to, or null when there is none (or the name is not a path). */
    static Path find(RuleContext ctx, String name) {
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
        if (Files.isReadable(path)) {
            return path;
        }
        return path.isAbsolute() ? null : nearConfig(ctx, path);
    }

    private static Path nearConfig(RuleContext ctx, Path relative) {
        Path config;
        try {
            config = Path.of(ctx.document().source().name()).toAbsolutePath();
        } catch (InvalidPathException e) {
            return null;
        }
        if (!Files.isRegularFile(config)) {
            return null;
        }
        for (Path dir = config.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isReadable(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return null;
    }
}
