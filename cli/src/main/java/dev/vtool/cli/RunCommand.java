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
import dev.vtool.schema.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vtool run}: checks the configuration like {@code v2ray -test} and then runs it on vtool's engine.
 * A config with lint errors, or one using a feature the engine does not have, is refused (exit 23, as
 * V2Ray does for a config it refuses) with the place and the reason. SIGINT/SIGTERM stop accepting and
 * let live connections finish for up to {@link #GRACE}, then exit 0 as V2Ray does ({@link StopSignals}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a V2Ray 4.34 configuration (vmess, socks, http, dokodemo-door inbounds; vmess, freedom, "
                + "blackhole, socks, http outbounds; routing, sniffing) on vtool's engine. See docs/run.md.")
public final class RunCommand implements Callable<Integer> {
    /** How long live connections may go on after a stop signal. */
    static final Duration GRACE = Duration.ofSeconds(5);

    @Option(names = {"-c", "-config", "--config"}, paramLabel = "FILE", required = true,
            description = "Configuration file; repeat to merge several, V2Ray style (the first is the base).")
    List<String> configs = new ArrayList<>();

    @Option(names = {"-test", "--test"}, description = "Only check the configuration, like `v2ray -test`.")
    boolean test;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InputFiles inputs = InputFiles.read(configs);
        if (!inputs.problems().isEmpty()) {
            inputs.problems().forEach(p -> out.println("failed to read config files: " + p));
            out.flush();
            return ExitCodes.V2RAY_CONFIG_ERROR;
        }
        Linter linter = new Linter();
        List<ConfigDocument> docs = new ArrayList<>();
        List<Finding> errors = new ArrayList<>();
        for (SourceFile f : inputs.files()) {
            LintResult r = linter.lint(f);
            r.findings().stream().filter(Finding::isError).forEach(errors::add);
            if (r.document() != null) {
                docs.add(r.document());
            }
        }
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
        // installed before the engine starts: a SIGTERM during start-up is a clean stop too, not exit 143
        StopSignals signals = StopSignals.install();
        Engine engine;
        try {
            engine = Engine.start(config, log);
        } catch (EngineException e) {
            out.println("Failed to start: " + e.getMessage());
            out.flush();
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
