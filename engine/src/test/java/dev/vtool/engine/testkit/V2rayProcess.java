package dev.vtool.engine.testkit;

import dev.vtool.testkit.V2rayProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real v2ray on loopback with a given JSON config, as an AutoCloseable; killed on close. */
public final class V2rayProcess implements AutoCloseable {
    private final V2rayProcesses processes = new V2rayProcesses();
    private final Path log;

    private V2rayProcess(Path log) {
        this.log = log;
    }

    public static V2rayProcess start(Path dir, String name, String json, int waitPort) throws Exception {
        Path config = dir.resolve(name + ".json");
        Files.writeString(config, json, StandardCharsets.UTF_8);
        V2rayProcess p = new V2rayProcess(dir.resolve(name + ".log"));
        try {
            V2rayProcesses.awaitListening(waitPort, p.processes.start(config, p.log));
            return p;
        } catch (AssertionError | IOException e) { // a missing binary still skips the test
            p.close();
            throw new IllegalStateException("v2ray did not start on " + waitPort + ": " + p.output(), e);
        }
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() {
        try {
            processes.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
