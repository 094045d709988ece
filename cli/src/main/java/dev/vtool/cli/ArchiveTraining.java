package dev.vtool.cli;

import dev.vtool.schema.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The training run behind the launcher's class-data-sharing archive: one JVM does what users start vtool
 * for (lint in text and SARIF, {@code run -test}, diagnose, a VMess chain that carries one request), so
 * the archive it leaves at exit holds the classes of those commands and each command starts from it.
 * Not a user command: the launcher runs it as {@code java -XX:AOTCacheOutput=... -cp vtool.jar
 * dev.vtool.cli.ArchiveTraining SEED_DIR cli|run} (JDK 25) or with {@code -XX:ArchiveClassesAtExit=...} (17). Everything is on loopback, on ports the OS picks, bounded by
 * socket timeouts; any failure only makes the archive smaller.
 */
public final class ArchiveTraining {
    private static final String UUID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final int TIMEOUT_MS = 5_000;

    private ArchiveTraining() {
    }

    /** What a training run covers: the launcher keeps one archive for {@code run} and one for the rest. */
    enum Kind {
        /** lint, diagnose and the other short commands: neither the engine nor Netty is loaded. */
        CLI,
        /** run and run -test: the engine, a listener and a VMess chain carrying a request. */
        RUN,
        /** both (one archive for every command). */
        ALL
    }

    /** {@code ArchiveTraining SEED_DIR [cli|run|all]}. */
    public static void main(String[] args) throws Exception {
        Kind kind = args.length > 1 ? Kind.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)) : Kind.ALL;
        train(Path.of(args.length > 0 ? args[0] : "testdata/seed"), kind);
        System.exit(0); // the engine's event-loop threads are gone, but do not wait on anything left
    }

    static boolean train(Path seed) throws Exception {
        return train(seed, Kind.ALL);
    }

    /**
     * Runs the steps of {@code kind} with stdout and stderr silenced; true when each did what it should
     * (run -test accepted the seed server config and the request came back through the chain).
     */
    static boolean train(Path seed, Kind kind) throws Exception {
        String client = seed.resolve("client.json").toString();
        String server = seed.resolve("server.json").toString();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        System.setOut(quiet);
        System.setErr(quiet);
        try {
            if (kind != Kind.RUN) {
                Main.run("lint", client);
                Main.run("lint", "--format", "sarif", client, server);
                Main.run("diagnose", "--line", "2026/11/25 09:00:00 [Warning] [1] v2ray.com/core/proxy/vmess/inbound:"
                        + " invalid user > v2ray.com/core/proxy/vmess/encoding: invalid user");
            }
            if (kind == Kind.CLI) {
                return true;
            }
            boolean accepted = Main.run("run", "-test", "-c", server) == ExitCodes.OK;
            return carryOneRequest(quiet) && accepted;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** socks → vmess → vmess → freedom → an echo server, all in this JVM: the run path's classes. */
    private static boolean carryOneRequest(PrintStream console) throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int vmessPort = freePort();
            int socksPort = freePort();
            RunPreparation server = RunPreparation.prepare(List.of(new SourceFile("server.json", """
                    {"log": {"loglevel": "none", "access": "none"},
                     "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                       "settings": {"clients": [{"id": "%s", "alterId": 0}]}}],
                     "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                    """.formatted(vmessPort, UUID))), console);
            RunPreparation client = RunPreparation.prepare(List.of(new SourceFile("client.json", """
                    {"log": {"loglevel": "none", "access": "none"},
                     "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                       "settings": {"udp": false}}],
                     "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1",
                       "port": %d, "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]}}]}
                    """.formatted(socksPort, vmessPort, UUID))), console);
            if (server.refused() || client.refused()) {
                return false;
            }
            try {
                server.engine.listen();
                client.engine.listen();
                Thread echoer = new Thread(() -> echoOnce(echo), "training-echo");
                echoer.setDaemon(true);
                echoer.start();
                return socksRoundTrip(socksPort, echo.getLocalPort());
            } finally {
                client.engine.shutdown(Duration.ZERO);
                server.engine.shutdown(Duration.ZERO);
                client.log.close();
                server.log.close();
            }
        }
    }

    private static boolean socksRoundTrip(int socksPort, int targetPort) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", socksPort), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(new byte[] {5, 1, 0});
            in.readNBytes(2);
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (targetPort >> 8), (byte) targetPort});
            in.readNBytes(10);
            out.write("ping".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return "ping".equals(new String(in.readNBytes(4), StandardCharsets.US_ASCII));
        }
    }

    private static void echoOnce(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(TIMEOUT_MS);
            s.getOutputStream().write(s.getInputStream().readNBytes(4));
        } catch (IOException e) {
            // the round trip then times out; the archive is made all the same
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
