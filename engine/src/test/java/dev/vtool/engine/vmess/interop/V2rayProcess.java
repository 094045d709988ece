package dev.vtool.engine.vmess.interop;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real v2ray on loopback with a given JSON config; killed on close. */
final class V2rayProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private V2rayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static V2rayProcess start(Path binary, Path dir, String name, String json, int waitPort) throws Exception {
        Path config = dir.resolve(name + ".json");
        Files.writeString(config, json, StandardCharsets.UTF_8);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        V2rayProcess p = new V2rayProcess(pb.start(), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.process.isAlive()) {
                throw new IllegalStateException("v2ray exited: " + p.output());
            }
            try (Socket s = new Socket("127.0.0.1", waitPort)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.close();
        throw new IllegalStateException("v2ray did not listen on " + waitPort + ": " + p.output());
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
