package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    private static final Path CERTS = V2rayBinary.repoRoot().resolve("testdata/pairs/_certs");

    @AfterEach
    void realTerminalAgain() {
        InitCommand.terminalFactory = null;
    }

    private static void assertLintCleanAndPaired(Path dir) {
        String client = dir.resolve("client.json").toString();
        String server = dir.resolve("server.json").toString();
        CliRun lint = CliRun.run("lint", "--color", "never", client, server);
        assertEquals(0, lint.exitCode(), lint.out() + lint.err());
        CliRun pair = CliRun.run("pair", "--color", "never", client, server);
        assertEquals(0, pair.exitCode(), pair.out() + pair.err());
        assertTrue(pair.out().contains("OK: " + client), pair.out());
        assertTrue(pair.out().contains("AEAD"), pair.out());
    }

    @Test
    void flagsOnlyTcp(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("init", "--yes", "--server-address", "203.0.113.7", "--output-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("vmess://"), r.out());
        assertLintCleanAndPaired(dir);
        String client = Files.readString(dir.resolve("client.json"));
        assertTrue(client.contains("\"listen\": \"127.0.0.1\""));
        assertTrue(client.contains("\"alterId\": 0"));
        assertTrue(client.contains("// "));
        assertTrue(Files.readString(dir.resolve("server.json")).contains("\"port\": 10086"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temp files left behind");
        }
    }

    @Test
    void flagsOnlyWsAndH2WithTls(@TempDir Path dir) {
        for (String transport : new String[] {"ws+tls", "h2+tls"}) {
            Path out = dir.resolve(transport.substring(0, 2));
            CliRun r = CliRun.run("init", "--yes", "--server-address", "example.com", "--transport", transport,
                    "--ws-path", "secret", "--cert", CERTS.resolve("example.crt").toString(),
                    "--key", CERTS.resolve("example.key").toString(), "--socks-port", "10808", "--http-port", "0",
                    "-o", out.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertLintCleanAndPaired(out);
            CliRun pair = CliRun.run("pair", out.resolve("client.json").toString(), out.resolve("server.json").toString());
            assertTrue(pair.out().contains(":443 (vmess, AEAD, " + transport.replace("+tls", "") + "+tls)"), pair.out());
        }
    }

    @Test
    void refusesToOverwriteAndRejectsBadFlags(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("server.json"), "keep me");
        CliRun r = CliRun.run("init", "--yes", "-o", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("already exists; use --force"), r.err());
        assertEquals("keep me", Files.readString(dir.resolve("server.json")));
        assertFalse(Files.exists(dir.resolve("client.json")), "nothing half-written");
        assertEquals(0, CliRun.run("init", "--yes", "--force", "-o", dir.toString()).exitCode());
        assertTrue(Files.readString(dir.resolve("server.json")).contains("vmess"));

        CliRun badPort = CliRun.run("init", "--yes", "--port", "70000", "-o", dir.resolve("x").toString());
        assertEquals(2, badPort.exitCode());
        assertTrue(badPort.err().contains("--port"), badPort.err());
        CliRun same = CliRun.run("init", "--yes", "--socks-port", "2000", "--http-port", "2000", "-o", dir.resolve("y").toString());
        assertEquals(2, same.exitCode());
        assertTrue(same.err().contains("must differ"), same.err());
        CliRun tlsOnIp = CliRun.run("init", "--yes", "--server-address", "203.0.113.7", "--transport", "ws+tls",
                "-o", dir.resolve("z").toString());
        assertEquals(2, tlsOnIp.exitCode());
        assertTrue(tlsOnIp.err().contains("--domain"), tlsOnIp.err());
        assertFalse(Files.exists(dir.resolve("z")));
    }

    @Test
    void interactiveWizardOnADumbTerminal(@TempDir Path dir) throws Exception {
        // address, transport, port (bad then default), path, domain, cert, key, socks, http (default), output dir
        String answers = String.join("\n", "example.com", "ws", "99999", "", "/tunnel", "",
                CERTS.resolve("example.crt").toString(), CERTS.resolve("example.key").toString(), "1090", "",
                dir.toString()) + "\n";
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        InitCommand.terminalFactory = () -> TerminalBuilder.builder().system(false).type("dumb")
                .streams(new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)), screen).build();
        CliRun r = CliRun.run("init");
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertEquals(0, r.exitCode(), r.err() + shown);
        assertTrue(shown.contains("Server port [443]"), shown);
        assertTrue(shown.contains("is not a port"), "the bad port is refused and asked again: " + shown);
        assertTrue(shown.contains("Domain of the TLS certificate [example.com]"), shown);
        String client = Files.readString(dir.resolve("client.json"));
        assertTrue(client.contains("\"port\": 1090"), client);
        assertTrue(client.contains("\"port\": 1081"), client);
        assertTrue(client.contains("\"path\": \"/tunnel\""), client);
        assertLintCleanAndPaired(dir);
    }

    @Test
    void endOfInputLeavesNothingWritten(@TempDir Path dir) {
        String answers = "example.com\ntcp\n"; // then EOF
        InitCommand.terminalFactory = () -> TerminalBuilder.builder().system(false).type("dumb")
                .streams(new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream())
                .build();
        CliRun r = CliRun.run("init", "-o", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("cancelled") && r.err().contains("nothing was written"), r.err());
        assertFalse(Files.exists(dir.resolve("client.json")));
        assertFalse(Files.exists(dir.resolve("server.json")));
    }
}
