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
 * names the setting, and with the setting (as init's comment says) the page comes through, over each
 * transport init offers.
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

    /**
     * The TLS choices, as a user with a certificate of their own CA would run them: `vtool cert` makes the CA
     * and the server's certificate, init writes the pair, the client trusts the CA ("usage": "verify"), the
     * server allows the loopback origin, and curl gets the page through each transport.
     */
    @Test
    void wsTlsAndH2TlsPairsFromInitCarryCurl() throws Exception {
        Curl.require();
        HttpServer origin = LoopbackPair.startTarget();
        String url = "http://127.0.0.1:" + origin.getAddress().getPort() + "/";
        try {
            for (String transport : new String[] {"ws+tls", "h2+tls"}) {
                Path out = dir.resolve(transport.replace('+', '-'));
                Files.createDirectories(out);
                assertEquals(0, CliRun.run("cert", "--ca", "--name", "Test CA", "--file", out.resolve("ca").toString(),
                        "--no-json").exitCode());
                assertEquals(0, CliRun.run("cert", "--issuer-cert", out.resolve("ca_cert.pem").toString(), "--issuer-key",
                        out.resolve("ca_key.pem").toString(), "--domain", "proxy.example.org", "--file",
                        out.resolve("server").toString(), "--no-json").exitCode());
                int serverPort = FreePort.next();
                int socksPort = FreePort.next();
                init(out, "--transport", transport, "--server-address", "127.0.0.1", "--domain", "proxy.example.org",
                        "--port", Integer.toString(serverPort), "--socks-port", Integer.toString(socksPort),
                        "--http-port", "0", "--cert", out.resolve("server_cert.pem").toString(),
                        "--key", out.resolve("server_key.pem").toString());
                Path server = out.resolve("server.json");
                Path client = out.resolve("client.json");
                String serverText = Files.readString(server);
                String allowed = serverText.replaceFirst("(\"protocol\": \"freedom\",[^{]*\"settings\": \\{)",
                        "$1\"allowPrivate\": true");
                assertNotEquals(serverText, allowed, "init's freedom settings not found:\n" + serverText);
                Files.writeString(server, allowed);
                String clientText = Files.readString(client);
                String trusting = clientText.replace("\"serverName\": \"proxy.example.org\"",
                        "\"serverName\": \"proxy.example.org\", \"certificates\": [{\"usage\": \"verify\", "
                                + "\"certificateFile\": \"" + out.resolve("ca_cert.pem") + "\"}]");
                assertNotEquals(clientText, trusting, "init's client serverName not found:\n" + clientText);
                Files.writeString(client, trusting);
                for (Path side : new Path[] {server, client}) {
                    CliRun test = CliRun.run("run", "-test", "-c", side.toString());
                    assertEquals(0, test.exitCode(), transport + " " + side + ": " + test.out() + test.err());
                }
                try (VtoolProcess s = VtoolProcess.start(out.resolve("server.log"), "run", "-c", server.toString());
                     VtoolProcess c = VtoolProcess.start(out.resolve("client.log"), "run", "-c", client.toString())) {
                    s.awaitListening(serverPort);
                    c.awaitListening(socksPort);
                    Curl got = Curl.get(url, "--socks5-hostname", "127.0.0.1:" + socksPort);
                    assertEquals(LoopbackPair.PAGE, got.body(),
                            transport + ": the page through the pair\n" + s.output() + "\n" + c.output());
                }
            }
        } finally {
            origin.stop(0);
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
