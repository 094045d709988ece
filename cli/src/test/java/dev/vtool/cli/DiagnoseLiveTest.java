package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * End to end: a real v2ray client with a wrong UUID against a real v2ray server on loopback, then
 * `vtool diagnose SERVER_LOG --config CLIENT --server SERVER` names the entry and the differing id.
 */
class DiagnoseLiveTest {
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

    private void start(Path config) throws IOException {
        processes.add(new ProcessBuilder(V2rayBinary.require().toString(), "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(config.getFileName() + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        fail("nothing listens on 127.0.0.1:" + port + " after 10 s");
    }

    @Test
    void wrongUuidEndToEnd() throws Exception {
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        Path serverLog = dir.resolve("error.log");
        Path server = dir.resolve("server.json");
        Files.writeString(server, "{\"log\":{\"loglevel\":\"info\",\"error\":\"" + serverLog + "\"},\n"
                + "\"inbounds\":[{\"port\":" + serverPort + ",\"listen\":\"127.0.0.1\",\"protocol\":\"vmess\",\n"
                + "\"settings\":{\"clients\":[{\"id\":\"" + SERVER_ID + "\",\"alterId\":0}]}}],\n"
                + "\"outbounds\":[{\"protocol\":\"blackhole\"}]}");
        Path client = dir.resolve("client.json");
        Files.writeString(client, "{\"inbounds\":[{\"port\":" + socksPort + ",\"listen\":\"127.0.0.1\",\"protocol\":"
                + "\"socks\"}],\n\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":[{\"address\":\"127.0.0.1\","
                + "\"port\":" + serverPort + ",\n\"users\":[{\"id\":\"" + WRONG_ID + "\",\"alterId\":0}]}]}}]}");
        start(server);
        start(client);
        awaitListening(serverPort);
        awaitListening(socksPort);
        try (Socket sock = new Socket()) {
            sock.connect(new InetSocketAddress("127.0.0.1", socksPort), 2000);
            sock.setSoTimeout(2000);
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            out.write(new byte[] {5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 0, 80});
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                in.readNBytes(1 << 16);
            } catch (SocketTimeoutException expected) {
                // the server drains the bad handshake instead of closing: the connection just hangs
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(serverLog) && Files.readString(serverLog).contains("invalid user"))) {
            if (System.nanoTime() > deadline) {
                fail("the server never logged 'invalid user'");
            }
            Thread.sleep(100);
        }
        CliRun r = CliRun.run("diagnose", "--color=never", "--config", client.toString(), "--server", server.toString(),
                serverLog.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("[vmess-invalid-user]"), r.out());
        assertTrue(r.out().contains("id differs: the client's id " + WRONG_ID), r.out());
        assertTrue(r.out().contains(SERVER_ID + " (inbounds[0].settings.clients[0] at " + server + ":3:"), r.out());
    }
}
