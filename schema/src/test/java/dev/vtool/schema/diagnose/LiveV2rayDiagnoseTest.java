package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log lines produced by a real V2Ray 4.34 on loopback, diagnosed: a client with a wrong UUID against a
 * server ("invalid user", tailored with both configs), and a browser-style HTTP request sent to a socks
 * inbound ("unknown Socks version").
 */
class LiveV2rayDiagnoseTest {
    private static final String SERVER_ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final String WRONG_ID = "0b9e4c1a-7d3f-4e2b-9a6c-5f8d2e1b3c4a";

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private Process start(Path config, Path stdout) throws IOException {
        Path bin = V2rayBinary.require();
        Process p = new ProcessBuilder(bin.toString(), "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(stdout.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        processes.add(p);
        return p;
    }

    /** Waits until something accepts on the port (10 s at most). */
    private static void awaitListening(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("v2ray exited early with code " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        fail("nothing listens on 127.0.0.1:" + port + " after 10 s");
    }

    /** Waits until the file contains the text (10 s at most); returns its content. */
    private static String awaitInFile(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String content = Files.readString(file);
                if (content.contains(text)) {
                    return content;
                }
            }
            Thread.sleep(100);
        }
        fail("'" + text + "' did not appear in " + file + " within 10 s; it has: "
                + (Files.exists(file) ? Files.readString(file) : "(no file)"));
        return null;
    }

    private Path write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    private static ConfigDocument read(Path p) throws IOException {
        ConfigDocument doc = new ConfigReader().read(SourceFile.read(p)).document();
        assertNotNull(doc, "test config parses: " + p);
        return doc;
    }

    /** Reads until EOF or the timeout; the bytes that came back. */
    private static int drain(InputStream in) throws IOException {
        int total = 0;
        byte[] buf = new byte[4096];
        try {
            for (int n; total < 1 << 20 && (n = in.read(buf)) > 0; ) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            // the other side kept the connection open: that is what we wanted to provoke
        }
        return total;
    }

    @Test
    void wrongUuidIsDiagnosedAsInvalidUserAndTheIdDifferenceIsNamed() throws Exception {
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        Path serverLog = dir.resolve("server-error.log");
        Path server = write("server.json", "{\"log\":{\"loglevel\":\"info\",\"error\":\"" + serverLog + "\"},\n"
                + "\"inbounds\":[{\"port\":" + serverPort + ",\"listen\":\"127.0.0.1\",\"protocol\":\"vmess\",\n"
                + "\"settings\":{\"clients\":[{\"id\":\"" + SERVER_ID + "\",\"alterId\":0}]}}],\n"
                + "\"outbounds\":[{\"protocol\":\"blackhole\"}]}");
        Path client = write("client.json", "{\"log\":{\"loglevel\":\"info\"},\n"
                + "\"inbounds\":[{\"port\":" + socksPort + ",\"listen\":\"127.0.0.1\",\"protocol\":\"socks\","
                + "\"settings\":{\"auth\":\"noauth\"}}],\n"
                + "\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":[{\"address\":\"127.0.0.1\",\"port\":"
                + serverPort + ",\n\"users\":[{\"id\":\"" + WRONG_ID + "\",\"alterId\":0}]}]}}]}");
        Process s = start(server, dir.resolve("server.out"));
        Process c = start(client, dir.resolve("client.out"));
        awaitListening(serverPort, s);
        awaitListening(socksPort, c);

        try (Socket sock = new Socket()) {
            sock.connect(new InetSocketAddress("127.0.0.1", socksPort), 2000);
            sock.setSoTimeout(2000);
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            out.write(new byte[] {5, 1, 0});
            out.flush();
            assertEquals(5, in.read(), "SOCKS5 greeting answered");
            in.read();
            // CONNECT 127.0.0.1:80; the client then opens a VMess connection with the wrong id.
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 80});
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            drain(in);
        } // closing makes the client drop its VMess connection; the draining server then logs the rejection

        String log = awaitInFile(serverLog, "invalid user");
        DiagnosisReport plain = new Diagnoser().diagnose(List.of(new SourceFile("server-error.log", log)));
        EntryGroup g = plain.group("vmess-invalid-user");
        assertNotNull(g, "invalid user recognised in: " + log);
        assertEquals("127.0.0.1", g.values("ip").get(0));
        assertTrue(plain.hasProblems());

        DiagnosisReport tailored = new Diagnoser().diagnose(List.of(new SourceFile("server-error.log", log)),
                new TailorContext(read(client), read(server)));
        String advice = String.join("\n", tailored.group("vmess-invalid-user").advice());
        assertTrue(advice.contains("id differs") && advice.contains(WRONG_ID) && advice.contains(SERVER_ID), advice);
    }

    @Test
    void browserHttpRequestOnSocksPortIsDiagnosed() throws Exception {
        int socksPort = FreePort.next();
        Path errorLog = dir.resolve("error.log");
        Path accessLog = dir.resolve("access.log");
        Path config = write("client.json", "{\"log\":{\"loglevel\":\"info\",\"error\":\"" + errorLog + "\",\"access\":\""
                + accessLog + "\"},\n\"inbounds\":[{\"tag\":\"socks-in\",\"port\":" + socksPort
                + ",\"listen\":\"127.0.0.1\",\"protocol\":\"socks\",\"settings\":{\"auth\":\"noauth\"}}],\n"
                + "\"outbounds\":[{\"protocol\":\"blackhole\"}]}");
        Process p = start(config, dir.resolve("v2ray.out"));
        awaitListening(socksPort, p);
        try (Socket sock = new Socket()) {
            sock.connect(new InetSocketAddress("127.0.0.1", socksPort), 2000);
            sock.setSoTimeout(2000);
            sock.getOutputStream().write(("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n"
                    + "User-Agent: Mozilla/5.0\r\nProxy-Connection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            sock.getOutputStream().flush();
            drain(sock.getInputStream());
        }
        String log = awaitInFile(errorLog, "unknown Socks version");
        String access = awaitInFile(accessLog, "rejected");
        DiagnosisReport r = new Diagnoser().diagnose(List.of(new SourceFile("error.log", log),
                new SourceFile("access.log", access)), new TailorContext(read(config), null));
        EntryGroup g = r.group("socks-got-http");
        assertNotNull(g, "unknown Socks version recognised in: " + log);
        assertEquals(List.of("71"), g.values("version"), "'G' of GET is byte 71");
        assertEquals(2, g.count(), "error log and access log line");
        String advice = String.join("\n", g.advice());
        assertTrue(advice.contains("socks inbound \"socks-in\"") && advice.contains("\"protocol\": \"http\""), advice);
        assertEquals(0, r.unrecognised(), "every line of a real 4.34 log is known: " + log + access);
    }
}
