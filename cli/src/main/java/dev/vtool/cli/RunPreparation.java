package dev.vtool.cli;

import dev.vtool.engine.Engine;
import dev.vtool.engine.ProtocolRegistry;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.LintResult;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.source.SourceFile;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code run} does before binding a port, and all that {@code run -test} does: lint errors,
 * the run model and the engine's handlers, outbounds and router, built without binding or starting
 * threads. So the two commands accept and refuse the same configs, and each refusal is reported at once
 * with its place instead of one per attempt.
 */
final class RunPreparation {
    /** Lint errors, when there were any (the model and engine are not built then: they would repeat them). */
    final List<Finding> lintErrors = new ArrayList<>();
    /** What the model builder and the engine refused (V2Ray's errors and features vtool lacks alike). */
    final List<ConfigProblems.Problem> problems = new ArrayList<>();
    /** Why the log could not be opened, or null. */
    String logFailure;
    /** Set when nothing was refused: a built engine (not listening) and its open log. */
    Engine engine;
    EngineLog log;

    private RunPreparation() {
    }

    boolean refused() {
        return engine == null;
    }

    static RunPreparation prepare(List<SourceFile> files, PrintStream console) {
        RunPreparation p = new RunPreparation();
        // all files as the one config V2Ray makes of them (4.34's merge, the 4.x layout remapped):
        // findings and refusals point at the file each value came from
        LintResult merged = new Linter().lint(files);
        merged.findings().stream().filter(Finding::isError).forEach(p.lintErrors::add);
        ConfigDocument doc = merged.document();
        if (!p.lintErrors.isEmpty() || doc == null) {
            return p;
        }
        ConfigProblems problems = new ConfigProblems(doc);
        Config config = new ConfigModelBuilder().build(doc, problems);
        if (config == null || !problems.isEmpty()) {
            p.problems.addAll(problems.all());
            // the engine is still built from what could be modelled: its refusals (e.g. a geoip code the
            // data file lacks) belong in the same list
        }
        if (config == null) {
            return p;
        }
        EngineLog log;
        try {
            log = EngineLog.open(config.log(), console);
        } catch (IOException e) {
            p.logFailure = "main: failed to create server > " + e.getMessage();
            return p;
        }
        ConfigProblems engineProblems = new ConfigProblems(doc);
        Engine engine = Engine.prepare(config, log, ProtocolRegistry.discover(), engineProblems);
        p.problems.addAll(engineProblems.all());
        if (engine == null || !p.problems.isEmpty()) {
            if (engine != null) {
                engine.close();
            }
            log.close();
            return p;
        }
        p.engine = engine;
        p.log = log;
        return p;
    }
}
