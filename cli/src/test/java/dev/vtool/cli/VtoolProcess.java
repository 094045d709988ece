package dev.vtool.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real `vtool` JVM (this build's classes), its output in a file; closing kills what is left. */
final class VtoolProcess implements AutoCloseable {
    final Process process;
    final Path log;

    private VtoolProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static VtoolProcess start(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new VtoolProcess(p, log);
    }

    /** Waits (at most 60 s: the JVM starts slowly on a loaded machine) until something accepts on the port. */
    VtoolProcess awaitListening(int port) throws Exception {
        awaitListening(process, port, log, Duration.ofSeconds(60));
        return this;
    }

    /**
     * Waits until something accepts on the loopback port, for at most {@code max}; fails at once, with the
     * process's output, when it exits first. For every test that starts a vtool JVM of its own.
     */
    static void awaitListening(Process process, int port, Path log, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("vtool exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("vtool did not listen on " + port + " within " + max.toSeconds() + " s:\n"
                + Files.readString(log));
    }

    /** Sends a signal by name (TERM, INT) with kill(1). */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
