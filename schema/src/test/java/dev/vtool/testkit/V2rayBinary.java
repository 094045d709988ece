package dev.vtool.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference peer: Debian's v2ray 4.34. Tests that need it call {@link #require()}: without the
 * binary they are skipped with a clear message, except under CI=true, where they fail.
 */
public final class V2rayBinary {
    private V2rayBinary() {
    }

    /** Path of the v2ray binary: $V2RAY_BIN, else /usr/bin/v2ray, else the first v2ray on PATH. */
    public static Path find() {
        String env = System.getenv("V2RAY_BIN");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        if (Files.isExecutable(Path.of("/usr/bin/v2ray"))) {
            return Path.of("/usr/bin/v2ray");
        }
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            for (String dir : pathVar.split(":")) {
                Path p = Path.of(dir, "v2ray");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The binary, or skip (locally) / fail (CI=true) the calling test. */
    public static Path require() {
        // the fast unit loop (mvn -Punit) leaves every real-peer test to the full suite, even under CI=true
        assumeTrue(!Boolean.getBoolean("vtool.unit"), "unit loop (-Punit): tests against the real v2ray skipped");
        Path bin = find();
        if (bin == null) {
            String why = "v2ray binary not found (install Debian's package: apt-get install -y v2ray)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " -- CI=true, so interop and parity tests must run");
            }
            assumeTrue(false, why + " -- skipping");
        }
        return bin;
    }

    /** Result of {@code v2ray -test -config FILE}. */
    public record TestRun(int exitCode, String output) {
        public boolean accepted() {
            return exitCode == 0;
        }
    }

    /** Runs {@code v2ray -test -config file} (bounded to 30 s) and returns its exit code and output. */
    public static TestRun test(Path config) {
        return test(config, null);
    }

    /**
     * Same, with v2ray's working directory set (relative paths in the config, such as certificate files,
     * resolve against it); null keeps the test's own working directory.
     */
    public static TestRun test(Path config, Path workingDir) {
        Path bin = require();
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-test", "-config", config.toString()));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (workingDir != null) {
                pb.directory(workingDir.toFile());
            }
            Process p = pb.redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("v2ray -test did not finish in 30 s on " + config);
            }
            return new TestRun(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuntimeException("cannot run " + bin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    /** The repository root (tests run from a module directory; Maven passes vtool.root). */
    public static Path repoRoot() {
        String root = System.getProperty("vtool.root");
        if (root != null) {
            return Path.of(root);
        }
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("testdata"))) {
            here = here.getParent();
        }
        return here == null ? Path.of("").toAbsolutePath() : here;
    }
}
