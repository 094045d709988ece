package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vtool run}: -test like v2ray, refusal of bad configs, and a real process serving and stopping on SIGTERM. */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    private static String socksConfig(int port) {
        return """
                {
                  "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                  "outbounds": [{"protocol": "freedom"}]
                }
                """.formatted(port);
    }

    @Test
    void testFlagAcceptsGoodConfig() throws Exception {
        Path cfg = write("good.json", socksConfig(1080));
        CliRun r = CliRun.run("run", "-test", "-config", cfg.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("Configuration OK.", r.out().strip());
    }

    @Test
    void testFlagPrintsFirstErrorWithPosition() throws Exception {
        Path cfg = write("bad.json", """
                {
                  "inbounds": [{"port": 1080, "protocol": "socks"},],
                  "outbounds": [{"protocol": "freedom"}]
                }
                """);
        CliRun r = CliRun.run("run", "-test", "-c", cfg.toString());
        assertEquals(23, r.exitCode(), r.out());
        assertTrue(r.out().startsWith(cfg + ":2:"), r.out());
        assertEquals(1, r.out().strip().lines().count(), r.out());
    }

    @Test
    void unsupportedTransportIsNamedWithItsPlaceByRunAndRunTest() throws Exception {
        Path cfg = write("ds.json", """
                {
                  "inbounds": [{"port": 1080, "protocol": "socks",
                                "streamSettings": {"network": "ds", "dsSettings": {"path": "v", "abstract": true, "padding": true}}}],
                  "outbounds": [{"protocol": "freedom"}]
                }
                """);
        // valid for V2Ray, but vtool cannot run it: -test says so too, before anything listens
        CliRun test = CliRun.run("run", "-test", "-c", cfg.toString());
        assertEquals(23, test.exitCode(), test.out());
        assertEquals(cfg + ":3:110: inbounds[0].streamSettings.dsSettings.padding is not supported by vtool yet", test.out().strip());
        CliRun r = CliRun.run("run", "-c", cfg.toString());
        assertEquals(23, r.exitCode(), r.out());
        assertEquals(List.of(cfg + ":3:110: inbounds[0].streamSettings.dsSettings.padding is not supported by vtool yet",
                "vtool run: refusing to start with 1 problem in the configuration"), r.out().strip().lines().toList());
    }

    @Test
    void threeUnsupportedFeaturesAreListedByRunRunTestAndLint() throws Exception {
        Path cfg = write("three.json", """
                {
                  "inbounds": [{"port": 1080, "protocol": "mtproto", "settings": {"users": [{"secret": "b0cbcef5a486d9636472ac27f8e11a9d"}]}}],
                  "dns": {"servers": ["quic+local://1.1.1.1"]},
                  "outbounds": [{"protocol": "freedom"}, {"protocol": "mtproto", "settings": {}}]
                }
                """);
        List<String> expected = List.of(
                cfg + ":2:43: inbound protocol \"mtproto\" is not supported by vtool yet",
                cfg + ":3:23: DNS-over-QUIC (\"quic+local://\") servers is not supported by vtool yet; vtool has no QUIC "
                        + "stack that speaks 4.34's DoQ; use \"https+local://\" (DoH) instead",
                cfg + ":4:55: outbound protocol \"mtproto\" is not supported by vtool yet");
        CliRun test = CliRun.run("run", "-test", "-c", cfg.toString());
        assertEquals(23, test.exitCode(), test.out());
        assertEquals(expected, test.out().strip().lines().toList());
        CliRun run = CliRun.run("run", "-c", cfg.toString());
        assertEquals(23, run.exitCode(), run.out());
        assertEquals(expected, run.out().strip().lines().limit(3).toList());
        assertTrue(run.out().contains("refusing to start with 3 problems"), run.out());
        CliRun lint = CliRun.run("lint", cfg.toString());
        assertEquals(0, lint.exitCode(), lint.out());
        List<String> infos = lint.out().lines().filter(l -> l.endsWith("[not-supported-by-run]")).toList();
        assertEquals(expected.stream().map(l -> l.replaceFirst(":(\\d+): ", ":$1: info: ") + " [not-supported-by-run]")
                .toList(), infos);
    }

    @Test
    void runRefusesLintErrorsWithRuleAndFix() throws Exception {
        Path cfg = write("bad.json", """
                {
                  "inbounds": [{"port": 1080, "protocol": "socks"},],
                  "outbounds": [{"protocol": "freedom"}]
                }
                """);
        CliRun r = CliRun.run("run", "-c", cfg.toString());
        assertEquals(23, r.exitCode(), r.out());
        assertTrue(r.out().startsWith(cfg + ":2:"), r.out());
        assertTrue(r.out().contains(": error: ") && r.out().contains("["), r.out());
        assertTrue(r.out().contains("refusing to start"), r.out());
    }

    private static Process startJava(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void realProcessServesAndStopsOnSigterm() throws Exception {
        int port = FreePort.next();
        Path cfg = write("run.json", socksConfig(port));
        Path log = dir.resolve("out.log");
        Process p = startJava(log, "run", "-c", cfg.toString());
        try {
            VtoolProcess.awaitListening(p, port, log, Duration.ofSeconds(10));
            // a SOCKS5 greeting gets the no-auth answer from the real process
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(3000);
                s.getOutputStream().write(new byte[] {5, 1, 0});
                byte[] answer = s.getInputStream().readNBytes(2);
                assertEquals(5, answer[0]);
                assertEquals(0, answer[1]);
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "vtool run did not stop on SIGTERM");
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertFalse(out.contains("Exception"), out);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void portInUseIsOneLineAndExit23() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Path cfg = write("taken.json", socksConfig(taken.getLocalPort()));
            Path log = dir.resolve("taken.log");
            Process p = startJava(log, "run", "-c", cfg.toString());
            try {
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
                assertEquals(23, p.exitValue());
                String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                assertTrue(out.endsWith("Failed to start: failed to listen TCP on 127.0.0.1:" + taken.getLocalPort()
                        + " > listen tcp 127.0.0.1:" + taken.getLocalPort() + ": bind: address already in use"), out);
                assertFalse(out.contains("\tat "), out);
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
