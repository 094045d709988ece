package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import dev.vtool.testkit.V2rayProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a pair from testdata/pairs for real: the configs are moved onto loopback (free ports, client
 * address 127.0.0.1, a SOCKS inbound on the client, absolute certificate paths), v2ray client and server
 * are started, and a page is fetched from a local HTTP server through the client's SOCKS port.
 * The verdict of `vtool pair` on the rewritten files must be OK exactly when the page arrives.
 */
final class LoopbackPair {
    static final String PAGE = "hello through the proxy";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LoopbackPair() {
    }

    /**
     * The loopback HTTP server of a test class, started before its tests and stopped after them:
     * {@code @RegisterExtension static final LoopbackPair.Target TARGET = new LoopbackPair.Target();}
     */
    static final class Target implements BeforeAllCallback, AfterAllCallback {
        private HttpServer http;

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            http = startTarget();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (http != null) {
                http.stop(0);
            }
        }

        int port() {
            return http.getAddress().getPort();
        }
    }

    /** Starts a loopback HTTP server answering PAGE (stop it after the tests). */
    static HttpServer startTarget() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        http.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }

    static void assertVerdictMatchesReality(String name, Path dir, int httpPort) throws Exception {
        V2rayBinary.require();
        Path pairDir = V2rayBinary.repoRoot().resolve("testdata/pairs").resolve(name);
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        Path server = dir.resolve("server.json");
        Path client = dir.resolve("client.json");
        Files.writeString(server, JSON.writeValueAsString(loopbackServer(read(pairDir.resolve("server.json")), serverPort)));
        Files.writeString(client, JSON.writeValueAsString(
                loopbackClient(read(pairDir.resolve("client.json")), serverPort, socksPort)));

        CliRun verdict = CliRun.run("pair", "--color", "never", client.toString(), server.toString());
        assertTrue(verdict.exitCode() == 0 || verdict.exitCode() == 1, verdict.out() + verdict.err());
        boolean pairSaysOk = verdict.exitCode() == 0;

        try (V2rayProcesses processes = new V2rayProcesses()) {
            processes.start(server, dir.resolve("server.log"));
            processes.start(client, dir.resolve("client.log"));
            if (!name.startsWith("kcp")) {
                V2rayProcesses.awaitListening(serverPort); // mKCP listens on UDP
            }
            V2rayProcesses.awaitListening(socksPort);
            boolean fetched = fetchThroughSocks(socksPort, httpPort);
            // A loaded CI machine can be slow to start; a pair that should work gets two more tries.
            for (int retry = 0; retry < 2 && !fetched && pairSaysOk; retry++) {
                fetched = fetchThroughSocks(socksPort, httpPort);
            }
            for (Process p : processes.all()) {
                assertTrue(p.isAlive(), name + ": a v2ray process exited; the config itself is broken, not the pair\n"
                        + Files.readString(dir.resolve("server.log")) + Files.readString(dir.resolve("client.log")));
            }
            assertEquals(pairSaysOk, fetched, name + ": pair said " + (pairSaysOk ? "OK" : "mismatch")
                    + " but the page " + (fetched ? "arrived" : "did not arrive") + "\n" + verdict.out()
                    + "\nserver log:\n" + Files.readString(dir.resolve("server.log")));
        }
    }

    private static ObjectNode read(Path file) throws IOException {
        ConfigDocument doc = new ConfigReader().read(new SourceFile(file.toString(), Files.readString(file))).document();
        assertNotNull(doc, file.toString());
        ObjectNode copy = (ObjectNode) doc.root().deepCopy();
        absoluteCertificatePaths(copy, file.getParent());
        return copy;
    }

    /** v2ray resolves certificate files against its working directory; the copies live elsewhere. */
    private static void absoluteCertificatePaths(JsonNode node, Path base) {
        if (node instanceof ObjectNode obj) {
            for (String key : new ArrayList<>(obj.propertyNames())) {
                JsonNode v = obj.get(key);
                if ((key.equals("certificateFile") || key.equals("keyFile")) && v.isString()) {
                    obj.put(key, base.resolve(v.stringValue()).normalize().toString());
                } else {
                    absoluteCertificatePaths(v, base);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(e -> absoluteCertificatePaths(e, base));
        }
    }

    private static ObjectNode loopbackServer(ObjectNode config, int port) {
        ObjectNode in = (ObjectNode) config.get("inbounds").get(0);
        in.put("port", port);
        in.put("listen", "127.0.0.1");
        config.putObject("log").put("loglevel", "warning");
        return config;
    }

    private static ObjectNode loopbackClient(ObjectNode config, int serverPort, int socksPort) {
        ArrayNode inbounds = config.putArray("inbounds");
        ObjectNode socks = inbounds.addObject();
        socks.put("listen", "127.0.0.1");
        socks.put("port", socksPort);
        socks.put("protocol", "socks");
        socks.putObject("settings").put("auth", "noauth");
        for (JsonNode out : config.get("outbounds")) {
            List<JsonNode> servers = new ArrayList<>();
            out.path("settings").path("vnext").forEach(servers::add);
            out.path("settings").path("servers").forEach(servers::add);
            for (JsonNode server : servers) {
                ((ObjectNode) server).put("address", "127.0.0.1");
                ((ObjectNode) server).put("port", serverPort);
            }
        }
        config.putObject("log").put("loglevel", "warning");
        return config;
    }

    /** A minimal SOCKS5 CONNECT to 127.0.0.1:target and an HTTP GET; true when the page comes back. */
    static boolean fetchThroughSocks(int socksPort, int target) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socksPort), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(new byte[] {5, 1, 0});
            if (in.read() != 5 || in.read() != 0) {
                return false;
            }
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (target >> 8), (byte) target});
            byte[] reply = in.readNBytes(10);
            if (reply.length < 10 || reply[1] != 0) {
                return false;
            }
            out.write(("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while (got.size() < 1 << 16 && (n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
            }
            return got.toString(StandardCharsets.UTF_8).contains(PAGE);
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // a timeout or a reset both mean the page did not come through this time
            return false;
        }
    }
}
