package dev.vtool.engine.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vtool.testkit.V2rayProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A third-party peer (trojan-gfw, nginx) started from a Debian binary with its own config in a temp dir,
 * killed on close. Without the binary the test is skipped, except under CI=true, where it fails.
 */
public final class PeerProcess implements AutoCloseable {
    private final V2rayProcesses processes = new V2rayProcesses();
    private final Path log;

    private PeerProcess(Path log) {
        this.log = log;
    }

    /** The binary, or skip (locally) / fail (CI=true) the calling test. */
    public static Path require(String binary, String debianPackage) {
        assumeTrue(!Boolean.getBoolean("vtool.unit"), "unit loop (-Punit): tests against real peers skipped");
        Path bin = Path.of(binary);
        if (!Files.isExecutable(bin)) {
            String why = binary + " not found (apt-get install -y " + debianPackage + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " -- CI=true, so interop tests must run");
            }
            assumeTrue(false, why + " -- skipping");
        }
        return bin;
    }

    /** Starts {@code args} in {@code dir} and waits until it listens on {@code waitPort}. */
    public static PeerProcess start(Path dir, String name, List<String> args, int waitPort) throws Exception {
        PeerProcess p = new PeerProcess(dir.resolve(name + ".log"));
        try {
            Process process = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(p.log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            V2rayProcesses.awaitListening(waitPort, p.processes.track(process));
            return p;
        } catch (AssertionError | IOException e) {
            p.close();
            throw new IllegalStateException(name + " did not start on " + waitPort + ": " + p.output(), e);
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
