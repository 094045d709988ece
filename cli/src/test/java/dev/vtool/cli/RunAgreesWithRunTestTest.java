package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.Engine;
import dev.vtool.engine.EngineException;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.lint.LintResult;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.model.PortRange;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run -test} and the real start path agree on every config of testdata/ (good, bad, bad-schema,
 * seed, pairs): where one refuses, so does the other. The start path here is written out on its own
 * (lint errors, model, log, engine started on loopback with each inbound on an ephemeral port) rather than
 * through {@link RunPreparation}, so the test catches -test skipping a step that run takes.
 */
class RunAgreesWithRunTestTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    static List<Path> configs() throws IOException {
        Path root = V2rayBinary.repoRoot().resolve("testdata");
        List<Path> out = new ArrayList<>();
        for (String d : List.of("good", "bad", "bad-schema", "seed", "pairs")) {
            try (Stream<Path> files = Files.walk(root.resolve(d))) {
                files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void thereAreConfigsOfEveryKind() throws IOException {
        assertTrue(configs().size() >= 150, "testdata configs: " + configs().size());
    }

    @TestFactory
    Stream<DynamicTest> runTestAndRunAgree() throws IOException {
        return configs().stream().map(p -> DynamicTest.dynamicTest(
                V2rayBinary.repoRoot().relativize(p).toString(), () -> {
                    CliRun test = CliRun.run("run", "-test", "-c", p.toString());
                    assertTrue(test.exitCode() == 0 || test.exitCode() == 23, test.out() + test.err());
                    boolean testAccepts = test.exitCode() == 0;
                    String started = startOnEphemeralPorts(p);
                    boolean runAccepts = started == null;
                    assertEquals(testAccepts, runAccepts, "run -test says " + (testAccepts ? "OK" : test.out())
                            + " but starting it " + (runAccepts ? "worked" : "failed: " + started));
                    if (!testAccepts) {
                        assertTrue(test.out().lines().allMatch(l -> l.isBlank() || l.contains(": ")
                                || l.startsWith("main:")), "every refusal names its place: " + test.out());
                    }
                }));
    }

    /** The real start path, with every inbound on 127.0.0.1 and an ephemeral port; null when it started. */
    private static String startOnEphemeralPorts(Path file) throws IOException {
        LintResult lint = new Linter().lint(SourceFile.read(file));
        if (lint.hasErrors() || lint.document() == null) {
            return "lint errors";
        }
        Config config;
        try {
            config = new ConfigModelBuilder().build(lint.document());
        } catch (ConfigModelException e) {
            return e.describe();
        }
        EngineLog log;
        try {
            log = EngineLog.open(config.log(), NOWHERE);
        } catch (IOException e) {
            return "log: " + e.getMessage();
        }
        List<InboundConfig> ephemeral = new ArrayList<>();
        for (InboundConfig ic : config.inbounds()) {
            ephemeral.add(new InboundConfig(ic.tag(), "127.0.0.1", new PortRange(0, 0), ic.protocol(), ic.settings(),
                    ic.sniffing(), ic.streamSettings(), ic.pointer()));
        }
        Config onLoopback = new Config(new dev.vtool.schema.model.LogSettings(LogLevel.NONE,
                dev.vtool.schema.model.LogOutput.NONE, dev.vtool.schema.model.LogOutput.NONE), config.policy(),
                ephemeral, config.outbounds(), config.routing());
        try (log) {
            Engine engine = Engine.start(onLoopback, new EngineLog(LogLevel.NONE, NOWHERE, NOWHERE));
            try {
                if (engine.boundAddresses().size() < ephemeral.size()) {
                    return "bound " + engine.boundAddresses().size() + " of " + ephemeral.size() + " inbounds";
                }
            } finally {
                engine.shutdown(Duration.ZERO);
            }
            return null;
        } catch (EngineException e) {
            return e.getMessage();
        }
    }
}
