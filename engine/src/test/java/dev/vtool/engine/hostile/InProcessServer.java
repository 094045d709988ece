package dev.vtool.engine.hostile;

import dev.vtool.engine.Engine;
import dev.vtool.engine.LeakWatch;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The engine in-process from JSON text, both logs captured (for cases a separate process makes awkward). */
final class InProcessServer implements AutoCloseable {
    private final Engine engine;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    InProcessServer(String json) throws Exception {
        LeakWatch.install();
        ReadResult r = new ConfigReader().read(new SourceFile("test.json", json));
        if (r.document() == null) {
            throw new IllegalArgumentException("bad test config: " + r.findings());
        }
        Config config = new ConfigModelBuilder().build(r.document());
        PrintStream out = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        engine = Engine.start(config, new EngineLog(LogLevel.INFO, out, out));
    }

    String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        engine.shutdown(Duration.ZERO);
    }
}
