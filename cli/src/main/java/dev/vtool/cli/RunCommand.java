package dev.vtool.cli;

import dev.vtool.engine.Engine;
import dev.vtool.engine.EngineException;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.LintResult;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigModelException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vtool run}: checks the configuration like {@code v2ray -test} and then runs it on vtool's engine.
 * A config with lint errors, or one using a feature the engine does not have, is refused (exit 23, as
 * V2Ray does for a config it refuses) with the place and the reason. SIGINT/SIGTERM stop accepting and
 * let live connections finish for a few seconds.
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
            inputs.problems().forEach(p -> out.println("failed to read config files: " + p));
            out.flush();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        // All files as the one config V2Ray makes of them: findings point at the file each value came from.
        LintResult merged = new Linter().lint(inputs.files());
        List<Finding> errors = new ArrayList<>();
        merged.findings().stream().filter(Finding::isError).forEach(errors::add);
        List<ConfigDocument> docs = merged.document() == null ? List.of() : List.of(merged.document());
        if (!errors.isEmpty()) {
            if (test) {
                out.println(where(errors.get(0)) + errors.get(0).message());
            } else {
                for (Finding e : errors) {
                    out.println(where(e) + "error: " + e.message() + " [" + e.ruleId() + "]");
                    if (e.fix() != null && !e.fix().isEmpty()) {
                        out.println("  fix: " + e.fix());
                    }
                }
                out.println("vtool run: refusing to start with " + errors.size() + " error"
                        + (errors.size() == 1 ? "" : "s") + " in the configuration");
            }
            out.flush();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        if (test) {
            // like `v2ray -test`: a verdict on the configuration itself, not on what vtool's engine implements
            out.println("Configuration OK.");
            out.flush();
            return ExitCodes.OK;
        }
        Config config;
        try {
            config = new ConfigModelBuilder().build(docs);
        } catch (ConfigModelException e) {
            out.println(e.describe());
            out.flush();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        return serve(config, out);
    }

    private static String where(Finding f) {
        return f.location() == null ? "" : f.location().fileName() + ":" + f.location().line() + ":"
                + f.location().column() + ": ";
    }

    private static int serve(Config config, PrintWriter out) {
        EngineLog log;
        try {
            log = EngineLog.open(config.log(), System.out);
        } catch (IOException e) {
            out.println("main: failed to create server > " + e.getMessage());
            out.flush();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        Engine engine;
        try {
            engine = Engine.start(config, log);
        } catch (EngineException e) {
            out.println("Failed to start: " + e.getMessage());
            out.flush();
            log.close();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            engine.shutdown(GRACE);
            log.close();
            stopped.countDown();
        }, "vtool-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
