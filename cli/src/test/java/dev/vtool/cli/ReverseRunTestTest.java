package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code reverse} section: run -test accepts what 4.34 accepts, refuses what it refuses, and lint agrees. */
class ReverseRunTestTest {
    @TempDir
    Path dir;

    @Test
    void runTestAcceptsABridgeAndAPortal() {
        for (String name : new String[] {"reverse-bridge.json", "reverse-portal.json"}) {
            Path cfg = V2rayBinary.repoRoot().resolve("testdata/good").resolve(name);
            CliRun r = CliRun.run("run", "-test", "-config", cfg.toString());
            assertEquals(0, r.exitCode(), name + ": " + r.out() + r.err());
            assertEquals("Configuration OK.", r.out().strip());
            CliRun lint = CliRun.run("lint", cfg.toString());
            assertFalse(lint.out().contains("reverse-wiring") || lint.out().contains("not-supported-by-run"), lint.out());
        }
    }

    @Test
    void runTestRefusesABridgeWithoutDomainInV2raysWords() throws IOException {
        Path cfg = dir.resolve("no-domain.json");
        Files.writeString(cfg, """
                {
                  "reverse": {"bridges": [{"tag": "bridge"}]},
                  "outbounds": [{"protocol": "freedom"}]
                }
                """);
        CliRun r = CliRun.run("run", "-test", "-c", cfg.toString());
        assertEquals(23, r.exitCode(), r.out());
        assertTrue(r.out().startsWith(cfg + ":2:"), r.out());
        assertTrue(r.out().contains("bridge domain is empty"), r.out());
    }

    @Test
    void lintNamesAnUnroutedPortal() throws IOException {
        Path cfg = dir.resolve("unrouted.json");
        Files.writeString(cfg, """
                {
                  "reverse": {"portals": [{"tag": "portal", "domain": "reverse.vtool.test"}]},
                  "inbounds": [{"tag": "in", "listen": "127.0.0.1", "port": 1080, "protocol": "socks"}],
                  "outbounds": [{"protocol": "freedom"}]
                }
                """);
        CliRun lint = CliRun.run("lint", cfg.toString());
        assertTrue(lint.out().contains("[reverse-wiring]"), lint.out());
        CliRun test = CliRun.run("run", "-test", "-c", cfg.toString());
        assertEquals(0, test.exitCode(), test.out());
    }
}
