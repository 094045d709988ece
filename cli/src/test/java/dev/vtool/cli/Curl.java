package dev.vtool.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real curl(1), as a user would type it; tests skip without it, except under CI=true. */
record Curl(int exitCode, String body) {
    static final Path BINARY = Path.of("/usr/bin/curl");

    static void require() {
        if (!Files.isExecutable(BINARY) && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + BINARY + " is missing (apt-get install curl)");
        }
        assumeTrue(Files.isExecutable(BINARY), BINARY + " not installed: skipping (apt-get install curl)");
    }

    /** curl -s --max-time 10 [proxy options] URL */
    static Curl get(String url, String... proxyOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-s", "--max-time", "10"));
        cmd.addAll(List.of(proxyOptions));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readNBytes(1 << 16);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("curl did not finish: " + cmd);
        }
        return new Curl(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
