package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import dev.vtool.testkit.V2rayProcesses;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live, against the real v2ray 4.34 on loopback: configs whose keys are spelled in other letter cases
 * (and whose ids carry three letters after the 32 hex digits, which 4.34 ignores) are accepted by lint,
 * pair and run -test and carry traffic under vtool run, on the client and on the server side; an inbound
 * hidden behind a carriage return in a // comment is opened by neither v2ray nor vtool.
 */
@org.junit.jupiter.api.Tag("interop") // starts v2ray and vtool processes; the full suite runs it, -Punit does not
class FrontEndLiveTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    @TempDir
    Path dir;

    private HttpServer target;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void startTarget() throws IOException {
        target = LoopbackPair.startTarget();
    }

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
        target.stop(0);
    }

    private static String server(int port, String idKey, String id) {
        return """
                {"Inbounds": [{"PORT": %d, "Listen": "127.0.0.1", "Protocol": "vmess",
                   "Settings": {"CLIENTS": [{"%s": "%s", "AlterId": 0}]}}],
                 "OutBounds": [{"Protocol": "freedom", "Settings": {"allowPrivate": true}}]}
                """.formatted(port, idKey, id);
    }

    /** A client whose socks inbound is on socksPort; a second socks inbound on hiddenPort sits behind a \r in a comment. */
    private static String client(int socksPort, int serverPort, int hiddenPort, String id) {
        return "{\"Log\": {\"LogLevel\": \"warning\"}, // imported from \"node\r, \"inbounds\": [{\"port\": " + hiddenPort
                + ", \"listen\": \"127.0.0.1\", \"protocol\": \"socks\"}],\n"
                + """
                 "Inbounds": [{"Port": %d, "LISTEN": "127.0.0.1", "Protocol": "socks", "Settings": {"Auth": "noauth"}}],
                 "OutBounds": [{"Protocol": "vmess", "Settings": {"VNext": [{"Address": "127.0.0.1", "Port": %d,
                   "Users": [{"ID": "%s", "AlterId": 0, "Security": "aes-128-gcm"}]}]}}]}
                """.formatted(socksPort, serverPort, id);
    }

    @Test
    void vtoolClientWithCasedKeysThroughV2rayServer() throws Exception {
        V2rayBinary.require();
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        int hiddenPort = FreePort.next();
        Path serverFile = write("server.json", server(serverPort, "id", ID));
        Path clientFile = write("client.json", client(socksPort, serverPort, hiddenPort, ID + "abc"));

        assertTrue(V2rayBinary.test(clientFile).accepted(), V2rayBinary.test(clientFile).output());
        assertVtoolAccepts(clientFile, serverFile);

        try (V2rayProcesses v2ray = new V2rayProcesses()) {
            v2ray.start(serverFile, dir.resolve("server.log"));
            V2rayProcesses.awaitListening(serverPort);
            // vtool runs the client
            Process vtool = startVtool(clientFile, dir.resolve("vtool-client.log"));
            VtoolProcess.awaitListening(vtool, socksPort, dir.resolve("vtool-client.log"), Duration.ofSeconds(15));
            assertTrue(LoopbackPair.fetchThroughSocks(socksPort, target.getAddress().getPort()),
                    "page through vtool client: " + Files.readString(dir.resolve("vtool-client.log")));
            assertFalse(listening(hiddenPort), "vtool opened the inbound hidden in a comment");
            stop(vtool);
            // and v2ray runs the same client file the same way
            Process v2rayClient = v2ray.start(clientFile, dir.resolve("v2ray-client.log"));
            V2rayProcesses.awaitListening(socksPort, v2rayClient);
            assertTrue(LoopbackPair.fetchThroughSocks(socksPort, target.getAddress().getPort()),
                    "page through v2ray client: " + Files.readString(dir.resolve("v2ray-client.log")));
            assertFalse(listening(hiddenPort), "v2ray opened the inbound hidden in a comment");
        }
    }

    @Test
    void v2rayClientThroughVtoolServerWithCasedKeys() throws Exception {
        V2rayBinary.require();
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        int hiddenPort = FreePort.next();
        // "iD" and an id with a tail: both are read by 4.34, and must be by vtool run
        Path serverFile = write("server.json", server(serverPort, "iD", ID + "xyz"));
        Path clientFile = write("client.json", client(socksPort, serverPort, hiddenPort, ID));
        assertTrue(V2rayBinary.test(serverFile).accepted(), V2rayBinary.test(serverFile).output());
        assertVtoolAccepts(clientFile, serverFile);

        Process vtool = startVtool(serverFile, dir.resolve("vtool-server.log"));
        VtoolProcess.awaitListening(vtool, serverPort, dir.resolve("vtool-server.log"), Duration.ofSeconds(15));
        try (V2rayProcesses v2ray = new V2rayProcesses()) {
            Process v2rayClient = v2ray.start(clientFile, dir.resolve("v2ray-client.log"));
            V2rayProcesses.awaitListening(socksPort, v2rayClient);
            assertTrue(LoopbackPair.fetchThroughSocks(socksPort, target.getAddress().getPort()),
                    "page through vtool server: " + Files.readString(dir.resolve("vtool-server.log")));
        }
    }

    private void assertVtoolAccepts(Path client, Path server) {
        CliRun lint = CliRun.run("lint", "--color", "never", client.toString(), server.toString());
        assertEquals(0, lint.exitCode(), lint.out() + lint.err());
        assertTrue(lint.out().contains("[key-case]"), lint.out());
        CliRun pair = CliRun.run("pair", "--color", "never", client.toString(), server.toString());
        assertEquals(0, pair.exitCode(), pair.out() + pair.err());
        for (Path p : List.of(client, server)) {
            CliRun test = CliRun.run("run", "-test", "-c", p.toString());
            assertEquals(0, test.exitCode(), p + ": " + test.out() + test.err());
        }
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Process startVtool(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.vtool.cli.Main",
                "run", "-c", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
