package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vtool.testkit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does after `vtool init`: `vtool run` the server and the client it wrote, then curl through
 * the client's SOCKS and HTTP proxies. The origin here is on loopback, which the server's freedom refuses
 * to remote clients unless "allowPrivate" is set: that refusal must be a WARNING (init's loglevel) that
 * names the setting, and with the setting (as init's comment says) the page comes through. The TLS
 * transports init offers that the engine lacks (h2) are refused by `run` by name.
 */
class InitRunProcessTest {
    @TempDir
    Path dir;

    private CliRun init(Path out, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("init", "--yes", "-o", out.toString()));
        args.addAll(java.util.List.of(more));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    @Test
    void tcpPairFromInitCarriesCurlOnceLoopbackIsAllowed() throws Exception {
        Curl.require();
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        int httpPort = FreePort.next();
        init(dir, "--server-address", "127.0.0.1", "--port", Integer.toString(serverPort),
                "--socks-port", Integer.toString(socksPort), "--http-port", Integer.toString(httpPort));
        Path server = dir.resolve("server.json");
        Path client = dir.resolve("client.json");
        CliRun lint = CliRun.run("lint", server.toString(), client.toString());
        assertEquals(0, lint.exitCode(), "init's output lints without errors:\n" + lint.out());

        HttpServer origin = LoopbackPair.startTarget();
        String url = "http://127.0.0.1:" + origin.getAddress().getPort() + "/";
        try (VtoolProcess c = VtoolProcess.start(dir.resolve("client.log"), "run", "-c", client.toString())) {
            try (VtoolProcess s = VtoolProcess.start(dir.resolve("server.log"), "run", "-c", server.toString())) {
                s.awaitListening(serverPort);
                c.awaitListening(socksPort).awaitListening(httpPort);
                Curl refused = Curl.get(url, "--socks5-hostname", "127.0.0.1:" + socksPort);
                assertTrue(!refused.body().contains(LoopbackPair.PAGE), refused.body());
                String log = awaitLine(s, "allowPrivate");
                assertTrue(log.lines().anyMatch(l -> l.contains("[Warning]") && l.contains("\"allowPrivate\": true")),
                        "the refusal is a warning naming the setting:\n" + log);
                s.signal("TERM");
                assertTrue(s.process.waitFor(15, TimeUnit.SECONDS));
                assertEquals(0, s.process.exitValue(), s.output());
            }
            // what init's comment in server.json tells the user to do
            String text = Files.readString(server);
            String allowed = text.replaceFirst("(\"protocol\": \"freedom\",[^{]*\"settings\": \\{)", "$1\"allowPrivate\": true");
            assertNotEquals(text, allowed, "init's freedom settings not found:\n" + text);
            Files.writeString(server, allowed);
            assertEquals(0, CliRun.run("lint", server.toString()).exitCode());
            try (VtoolProcess s = VtoolProcess.start(dir.resolve("server2.log"), "run", "-c", server.toString())) {
                s.awaitListening(serverPort);
                Curl viaSocks = Curl.get(url, "--socks5-hostname", "127.0.0.1:" + socksPort);
                assertEquals(LoopbackPair.PAGE, viaSocks.body(), "through the SOCKS inbound");
                Curl viaHttp = Curl.get(url, "--proxy", "http://127.0.0.1:" + httpPort);
                assertEquals(LoopbackPair.PAGE, viaHttp.body(), "through the HTTP inbound");
            }
        } finally {
            origin.stop(0);
        }
    }

    @Test
    void wsTlsAndH2TlsAreAcceptedOnBothSides() throws Exception {
        Path certs = Path.of("..", "testdata", "certs").toAbsolutePath().normalize();
        for (String transport : new String[] {"ws+tls", "h2+tls"}) {
            Path out = dir.resolve(transport.replace('+', '-'));
            Files.createDirectories(out);
            init(out, "--transport", transport, "--server-address", "127.0.0.1", "--domain", "proxy.example.org",
                    "--port", Integer.toString(FreePort.next()), "--socks-port", Integer.toString(FreePort.next()),
                    "--http-port", "0", "--cert", certs.resolve("server.crt").toString(),
                    "--key", certs.resolve("server.key").toString());
            for (String side : new String[] {"server.json", "client.json"}) {
                // the engine runs ws, h2 and tls: -test accepts both sides (starting them is the interop tests')
                CliRun test = CliRun.run("run", "-test", "-c", out.resolve(side).toString());
                assertEquals(0, test.exitCode(), transport + " " + side + ": " + test.out() + test.err());
            }
        }
    }

    /** The log once it has a line containing the text (at most 5 s). */
    private static String awaitLine(VtoolProcess p, String text) throws Exception {
        for (int i = 0; i < 100; i++) {
            String log = p.output();
            if (log.contains(text)) {
                return log;
            }
            Thread.sleep(50);
        }
        return p.output();
    }
}
