package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol seam end to end: {@code echo} exists only in this module's test scope (its config side in
 * {@code dev.vtool.testprotocol.echo.config}, its engine side in {@code ...echo.engine}, each listed in a
 * test-scope {@code META-INF/services} file), and lint, run -test and a real run process pick it up with
 * no edit anywhere else.
 */
class TestScopeProtocolTest {
    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    private static String echoConfig(int port, String settings) {
        return """
                {
                  "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                  "outbounds": [{"protocol": "echo", "settings": %s}]
                }
                """.formatted(port, settings);
    }

    @Test
    void lintKnowsTheProtocolAndRunsItsRule() throws Exception {
        CliRun ok = CliRun.run("lint", write("ok.json", echoConfig(1080, "{\"greeting\": \"hi\"}")).toString());
        assertFalse(ok.out().contains("unknown"), ok.out());
        assertFalse(ok.out().contains("error"), ok.out());
        CliRun missing = CliRun.run("lint", write("no-greeting.json", echoConfig(1080, "{}")).toString());
        assertTrue(missing.out().contains("echo outbound without a greeting [echo-greeting]"), missing.out());
        // its settings parser's refusals reach lint as info, with the same words as run
        CliRun loud = CliRun.run("lint", write("loud.json", echoConfig(1080, "{\"greeting\": \"hi\", \"loud\": true}"))
                .toString());
        assertTrue(loud.out().contains("info: echo \"loud\" is not supported by vtool yet [not-supported-by-run]"),
                loud.out());
        // and an id nothing registered stays an error
        CliRun unknown = CliRun.run("lint", write("unknown.json", echoConfig(1080, "{}").replace("\"echo\"",
                "\"echoo\"")).toString());
        assertTrue(unknown.out().contains("unknown outbound protocol \"echoo\""), unknown.out());
    }

    @Test
    void runTestBuildsIt() throws Exception {
        CliRun ok = CliRun.run("run", "-test", "-c", write("ok.json", echoConfig(1080, "{\"greeting\": \"hi\"}"))
                .toString());
        assertEquals(0, ok.exitCode(), ok.out());
        assertEquals("Configuration OK.", ok.out().strip());
        Path loud = write("loud.json", echoConfig(1080, "{\"greeting\": \"hi\", \"loud\": true}"));
        CliRun refused = CliRun.run("run", "-test", "-c", loud.toString());
        assertEquals(23, refused.exitCode(), refused.out());
        assertEquals(loud + ":3:77: echo \"loud\" is not supported by vtool yet", refused.out().strip());
    }

    @Test
    @Tag("slow") // starts a vtool process; the full suite runs it, -Punit does not
    void realRunCarriesTrafficThroughIt() throws Exception {
        int port = FreePort.next();
        Path cfg = write("run.json", echoConfig(port, "{\"greeting\": \"hello from echo\"}"));
        Path log = dir.resolve("out.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main", "run", "-c", cfg.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            VtoolProcess.awaitListening(p, port, log, Duration.ofSeconds(10));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(new byte[] {5, 1, 0});
                assertEquals(2, s.getInputStream().readNBytes(2).length);
                // CONNECT 127.0.0.1:9 — the echo outbound never dials; it answers with its greeting
                s.getOutputStream().write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 9});
                byte[] reply = s.getInputStream().readNBytes(10);
                assertEquals(0, reply[1], "SOCKS reply");
                String greeting = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals("hello from echo", greeting);
            }
        } finally {
            p.destroy();
            p.waitFor(15, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }
}
