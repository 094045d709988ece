package dev.vtool.cli;

import dev.vtool.engine.Engine;
import dev.vtool.engine.EngineException;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.text.Printable;
import dev.vtool.schema.text.V2rayMessages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vtool run}: checks the configuration like {@code v2ray -test} and then runs it on vtool's engine.
 * A config with lint errors, or one using a feature the engine does not have, is refused (exit 23, as
 * V2Ray does for a config it refuses) with every place and reason at once. {@code -test} builds exactly
 * what run builds ({@link RunPreparation}) and stops before binding, so the two always agree. SIGINT/SIGTERM stop
 * accepting and let live connections finish for up to {@link #GRACE}, then exit 0 as V2Ray does
 * ({@link StopSignals}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run a V2Ray 4.34 configuration (vmess, socks, http, dokodemo-door inbounds; vmess, freedom, "
                + "blackhole, socks, http outbounds; routing, sniffing) on vtool's engine. See docs/run.md.")
public final class RunCommand implements Callable<Integer> {
    /** How long live connections may go on after a stop signal. */
    static final Duration GRACE = Duration.ofSeconds(5);

    @Option(names = {"-c", "-config", "--config"}, paramLabel = "FILE",
            description = "Configuration file (stdin: reads stdin); repeat to merge several with V2Ray 4.34's "
                    + "rules (the first is the base). Without it: the -confdir or V2RAY_LOCATION_CONFDIR files, "
                    + "else config.json in the working directory, else V2RAY_LOCATION_CONFIG/config.json, else stdin.")
    List<String> configs = new ArrayList<>();

    @Option(names = {"-confdir", "--confdir"}, paramLabel = "DIR",
            description = "Also merge the *.json files of DIR, in name order, after the -config files.")
    String confdir;

    @Option(names = {"-format", "--format"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "Config format; vtool reads json only (V2Ray's pb/protobuf is refused).")
    String format;

    @Option(names = "-version", description = "Print the version and exit, like `v2ray -version`.")
    boolean version;

    /** Where defaults come from; tests replace them. */
    Map<String, String> environment = System.getenv();
    Path workingDirectory = Path.of("").toAbsolutePath();

    @Option(names = {"-test", "--test"}, description = "Only check the configuration, like `v2ray -test`.")
    boolean test;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return call(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs with these writers as stdout and stderr ({@link PlainRun} has no picocli spec to ask). */
    int call(PrintWriter out, PrintWriter err) {
        if (version) {
            out.println(new VersionProvider().getVersion()[0]);
            out.flush();
            return ExitCodes.OK;
        }
        ConfigLocations.Resolved where;
        try {
            where = ConfigLocations.resolve(configs, confdir, environment, workingDirectory);
        } catch (IOException e) {
            out.println("failed to read config files: " + e.getMessage());
            out.flush();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        where.warnings().forEach(w -> err.println("vtool run: " + w));
        String formatWarning = ConfigFormat.warning(format);
        if (formatWarning != null) {
            err.println("vtool run: " + formatWarning);
        }
        err.flush();
        String refusal = ConfigFormat.refusal(format, where.files().get(0));
        if (refusal != null) {
            out.println("failed to read config files: " + refusal);
            out.flush();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        InputFiles inputs = InputFiles.read(where.files());
        if (!inputs.problems().isEmpty()) {
            inputs.problems().forEach(p -> out.println("failed to read config files: " + Printable.escape(p)));
            out.flush();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        RunPreparation prepared = RunPreparation.prepare(inputs.files(), System.out);
        if (prepared.refused()) {
            printRefusals(prepared, out);
            out.flush();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        if (test) {
            // like `v2ray -test`: everything run builds was built; nothing was bound
            prepared.engine.close();
            prepared.log.close();
            out.println(V2rayMessages.CONFIGURATION_OK);
            out.flush();
            return ExitCodes.OK;
        }
        return serve(prepared.engine, prepared.log, out);
    }

    /** Every refusal at once, each with file:line:col; run adds the rule id and fix of lint errors. */
    private void printRefusals(RunPreparation p, PrintWriter out) {
        int count = 0;
        for (Finding e : p.lintErrors) {
            count++;
            if (test) {
                out.println(Printable.escape(where(e) + e.message()));
            } else {
                out.println(Printable.escape(where(e) + "error: " + e.message()) + " [" + e.ruleId() + "]");
                if (e.fix() != null && !e.fix().isEmpty()) {
                    out.println("  fix: " + Printable.escape(e.fix()));
                }
            }
        }
        for (ConfigProblems.Problem problem : ConfigProblems.byPosition(p.problems)) {
            count++;
            out.println(Printable.escape(problem.describe()));
        }
        if (p.logFailure != null) {
            count++;
            out.println(Printable.escape(p.logFailure));
        }
        if (!test && count > 0) {
            out.println("vtool run: refusing to start with " + count + " problem"
                    + (count == 1 ? "" : "s") + " in the configuration");
        }
    }

    private static String where(Finding f) {
        return f.location() == null ? "" : f.location().fileName() + ":" + f.location().line() + ":"
                + f.location().column() + ": ";
    }

    private static int serve(Engine engine, EngineLog log, PrintWriter out) {
        // installed before anything listens: a SIGTERM during start-up is a clean stop too, not exit 143
        StopSignals signals = StopSignals.install();
        try {
            engine.listen();
        } catch (EngineException e) {
            out.println("Failed to start: " + e.getMessage());
            out.flush();
            engine.close();
            log.close();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        // any other way the JVM ends (SIGHUP, System.exit elsewhere) still closes the engine and the log
        Thread hook = new Thread(() -> {
            engine.shutdown(GRACE);
            log.close();
        }, "vtool-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String signal = signals.await();
            log.warning(0, "", "received " + signal + ": no new connections; live ones may finish within "
                    + GRACE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.shutdown(GRACE);
        log.close();
        Runtime.getRuntime().removeShutdownHook(hook);
        return ExitCodes.OK;
    }
}
