package dev.vtool.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code vtool version}: the version line, as {@code vtool --version} and {@code vtool run -version} print it. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print vtool's version (also `vtool -version` and `vtool run -version`, as v2ray spells it).")
public final class VersionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (String line : new VersionProvider().getVersion()) {
            System.out.println(line);
        }
        return ExitCodes.OK;
    }
}
