package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * action.yml and .pre-commit-hooks.yaml, run by ci/test-integrations.sh the way GitHub Actions and pre-commit
 * run them (offline, a scratch git repository), with this build's vtool.
 */
class CiIntegrationsTest {
    @Test
    void actionAndPreCommitHooksLintAndCheckAsThoseToolsWould() throws Exception {
        boolean tools = Files.isExecutable(Path.of("/usr/bin/git")) && Files.isExecutable(Path.of("/usr/bin/python3"))
                && new ProcessBuilder("python3", "-c", "import yaml").start().waitFor() == 0;
        if (!tools && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but git, python3 or python3-yaml is missing");
        }
        assumeTrue(tools, "git, python3 and python3-yaml are needed: skipping");
        Path script = Path.of("..", "ci", "test-integrations.sh").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("VTOOL", java + " -XX:TieredStopAtLevel=1 -cp " + System.getProperty("java.class.path")
                + " dev.vtool.cli.Main");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(180, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        assertEquals(5, out.lines().filter(l -> l.startsWith("ok   ")).count(), out);
    }
}
