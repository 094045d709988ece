package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairCommandTest {
    private static final Path PAIRS = V2rayBinary.repoRoot().resolve("testdata/pairs");

    private static String f(String pair, String file) {
        return PAIRS.resolve(pair).resolve(file).toString();
    }

    @Test
    void seedPairIsOkWithALegacyWarning() {
        CliRun r = CliRun.run("pair", "--color", "never", f("seed", "client.json"), f("seed", "server.json"));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("OK: " + f("seed", "client.json")), r.out());
        assertTrue(r.out().contains(":16823 (vmess, legacy alterId 64, tcp)"), r.out());
        assertTrue(r.out().contains("[pair-legacy-header]"), r.out());
        assertEquals(1, CliRun.run("pair", "--strict", f("seed", "client.json"), f("seed", "server.json")).exitCode());
    }

    @Test
    void mismatchNamesBothFilesAndFails() {
        CliRun r = CliRun.run("pair", "--color", "never", f("uuid-mismatch", "client.json"), f("uuid-mismatch", "server.json"));
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains(f("uuid-mismatch", "client.json") + ":24:23: error:"), r.out());
        assertTrue(r.out().contains("see also " + f("uuid-mismatch", "server.json") + ":10:19"), r.out());
        assertTrue(r.out().contains("MISMATCH:"), r.out());
    }

    @Test
    void serverOptionChecksSeveralClients() {
        CliRun r = CliRun.run("pair", "--server", f("aead", "server.json"), f("aead", "client.json"),
                f("uuid-mismatch", "client.json"));
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("OK: " + f("aead", "client.json")), r.out());
        assertTrue(r.out().contains("(vmess, AEAD, tcp)"), r.out());
        assertTrue(r.out().contains("[pair-user-id]"), r.out());
    }

    @Test
    void sarifListsPairRules() {
        CliRun r = CliRun.run("pair", "--format", "sarif", f("ws-path", "client.json"), f("ws-path", "server.json"));
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("\"pair-ws-path\""), r.out());
        assertTrue(r.out().contains("\"pair-alter-id\""), "every pair rule is listed: " + r.out());
        assertTrue(!r.out().contains("OK:"), "no text lines inside SARIF");
    }

    @Test
    void listsItsRules() {
        CliRun r = CliRun.run("pair", "--rules");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("pair-user-id") && r.out().contains("pair-tls-name"), r.out());
    }

    @Test
    void syntaxErrorsAndUsage(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"inbounds\": [}\n");
        CliRun r = CliRun.run("pair", broken.toString(), f("seed", "server.json"));
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("[json-syntax]"), r.out());
        assertEquals(2, CliRun.run("pair", f("seed", "client.json")).exitCode());
        assertEquals(2, CliRun.run("pair").exitCode());
        CliRun missing = CliRun.run("pair", dir.resolve("nope.json").toString(), f("seed", "server.json"));
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }
}
