package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vtool.testkit.FreePort;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image, built by packaging/build-image.sh from this build's jar (no registry needed) and run
 * with podman as a user would: the proxy carries a request, the HEALTHCHECK (run -test) passes, it runs as a
 * non-root user, and `podman stop` (SIGTERM) ends it with exit code 0.
 */
@Tag("packaged") // needs cli/target/vtool.jar: runs in the integration-test phase, after package
class ContainerImageTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path PODMAN = Path.of("/usr/bin/podman");
    private static final String TAG = "localhost/vtool-test:" + ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void imageBuildsRunsProxiesPassesItsHealthCheckAndStopsCleanly() throws Exception {
        if (!Files.isExecutable(PODMAN) && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but podman is missing (apt-get install podman runc)");
        }
        assumeTrue(Files.isExecutable(PODMAN), "podman is not installed: the container image is not built");
        Curl.require();
        writeEngineSettings();
        Run build = run(600, "bash", REPO.resolve("packaging/build-image.sh").toString(), TAG);
        assertEquals(0, build.exit, "build-image.sh failed:\n" + build.out);

        int socksPort = FreePort.next();
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] body = "served behind the container\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"log\": {\"loglevel\": \"info\"},\n"
                + " \"inbounds\": [{\"listen\": \"127.0.0.1\", \"port\": " + socksPort
                + ", \"protocol\": \"socks\", \"settings\": {\"auth\": \"noauth\"}}],\n"
                + " \"outbounds\": [{\"protocol\": \"freedom\"}]}\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String container = null;
        try {
            Run start = podman(60, "run", "-d", "--network=host", "-v", config + ":/etc/vtool/config.json:ro", TAG);
            assertEquals(0, start.exit, start.out);
            container = start.out.strip().lines().reduce((a, b) -> b).orElseThrow();
            String logs = "";
            for (int i = 0; i < 300 && !logs.contains("vtool started"); i++) {
                Thread.sleep(100);
                logs = podman(20, "logs", container).out;
            }
            assertTrue(logs.contains("vtool started (epoll)"), "not started, or without epoll:\n" + logs);

            Curl got = Curl.get("http://127.0.0.1:" + web.getAddress().getPort() + "/", "--socks5", "127.0.0.1:" + socksPort);
            assertEquals(0, got.exitCode(), got.body());
            assertEquals("served behind the container\n", got.body());

            Run health = podman(60, "healthcheck", "run", container);
            assertEquals(0, health.exit, "HEALTHCHECK (run -test) failed:\n" + health.out);
            assertEquals("10001:10001", podman(20, "inspect", "--format", "{{.Config.User}}", container).out.strip());

            Run stop = podman(60, "stop", "-t", "20", container);
            assertEquals(0, stop.exit, stop.out);
            assertEquals("0", podman(20, "inspect", "--format", "{{.State.ExitCode}}", container).out.strip(),
                    "SIGTERM must end vtool with exit code 0:\n" + podman(20, "logs", container).out);
        } finally {
            web.stop(0);
            if (container != null) {
                podman(60, "rm", "-f", container);
            }
            podman(120, "rmi", "-f", TAG);
        }
    }

    /**
     * Settings that let podman run on a machine without systemd (cgroupfs), with the vfs storage driver
     * (no overlay mounts needed) and container limits no higher than this machine's own.
     */
    private void writeEngineSettings() throws Exception {
        Files.writeString(dir.resolve("containers.conf"), "[containers]\n"
                + "default_ulimits = [\"nofile=1024:1024\", \"nproc=1024:1024\"]\n"
                + "[engine]\nruntime = \"runc\"\ncgroup_manager = \"cgroupfs\"\nevents_logger = \"file\"\n");
        Files.writeString(dir.resolve("storage.conf"), "[storage]\ndriver = \"vfs\"\n"
                + "runroot = \"/run/containers/storage\"\ngraphroot = \"/var/lib/containers/storage\"\n");
    }

    private record Run(int exit, String out) {
    }

    private Run podman(int seconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PODMAN.toString()));
        cmd.addAll(List.of(args));
        return run(seconds, cmd.toArray(String[]::new));
    }

    private Run run(int seconds, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("CONTAINERS_CONF", dir.resolve("containers.conf").toString());
        env.put("CONTAINERS_STORAGE_CONF", dir.resolve("storage.conf").toString());
        env.put("CONTAINER_ENGINE", PODMAN.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "timed out after " + seconds + " s: " + String.join(" ", cmd) + "\n" + out);
        }
        return new Run(p.exitValue(), out);
    }
}
