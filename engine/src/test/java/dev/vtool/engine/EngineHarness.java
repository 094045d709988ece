package dev.vtool.engine;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Starts an engine in-process from JSON text and captures both logs in memory (shared by the test packages). */
public final class EngineHarness implements AutoCloseable {
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final Engine engine;

    EngineHarness(String json) throws Exception {
        this(json, LogLevel.DEBUG);
    }

    public EngineHarness(String json, LogLevel level) throws Exception {
        LeakWatch.install();
        Config config = config(json);
        PrintStream out = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        engine = Engine.start(config, new EngineLog(level, out, out));
    }

    static Config config(String json) throws ConfigModelException {
        ReadResult r = new ConfigReader().read(new SourceFile("test.json", json));
        if (r.document() == null) {
            throw new IllegalArgumentException("bad test JSON: " + r.findings());
        }
        return new ConfigModelBuilder().build(r.document());
    }

    public Engine engine() {
        return engine;
    }

    public String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits (bounded) until the log contains {@code text}; logs are written after the client may be done. */
    public boolean awaitLog(String text, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (log().contains(text)) {
                return true;
            }
            Thread.sleep(20);
        }
        return log().contains(text);
    }

    List<String> logLines() {
        return log().lines().toList();
    }

    @Override
    public void close() {
        engine.shutdown(Duration.ZERO);
    }
}
