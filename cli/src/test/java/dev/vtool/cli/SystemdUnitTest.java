package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vtool.testkit.FreePort;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/vtool.service: systemd-analyze accepts it, it carries the hardening, and its ExecStartPre and
 * ExecStart lines, started the way systemd starts them (empty environment, working directory /, stdin
 * /dev/null), check the config, serve it, and on SIGTERM (systemctl stop) exit 0, which systemd counts as a
 * clean stop. Only the installed paths are swapped for this build: the jar for the test class path and
 * /etc/vtool/config.json for a loopback config.
 */
class SystemdUnitTest {
    private static final Path UNIT = Path.of("..", "packaging", "vtool.service").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private String directive(String unit, String key) {
        return unit.lines().filter(l -> l.startsWith(key + "=")).findFirst()
                .map(l -> l.substring(key.length() + 1)).orElseThrow(() -> new AssertionError(key + " missing"));
    }

    /** The unit's command line with this build's java, classes and config. */
    private List<String> commandLine(String execLine, Path config) {
        List<String> out = new ArrayList<>();
        String[] words = execLine.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.equals("/usr/bin/java")) {
                out.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            } else if (w.equals("-jar") && words[i + 1].equals("/usr/lib/vtool/vtool.jar")) {
                out.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.vtool.cli.Main"));
                i++;
            } else if (w.equals("/etc/vtool/config.json")) {
                out.add(config.toString());
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private ProcessBuilder asSystemd(List<String> cmd, Path log) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin");
        return pb;
    }

    @Test
    void unitIsValidAndHardened() throws Exception {
        String unit = Files.readString(UNIT);
        assertEquals("yes", directive(unit, "DynamicUser"));
        assertEquals("CAP_NET_BIND_SERVICE", directive(unit, "CapabilityBoundingSet"));
        assertEquals("strict", directive(unit, "ProtectSystem"));
        assertEquals("yes", directive(unit, "NoNewPrivileges"));
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze not installed: unit syntax not checked");
        Path copy = dir.resolve("vtool.service");
        Files.copy(UNIT, copy);
        Process p = new ProcessBuilder(analyze.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.lines().noneMatch(l -> l.contains("vtool.service")), "systemd-analyze verify:\n" + out);
    }

    @Test
    void execStartServesAndSigtermIsACleanStop() throws Exception {
        String unit = Files.readString(UNIT);
        int port = FreePort.next();
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"log": {"loglevel": "warning"},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(port));

        Path preLog = dir.resolve("pre.log");
        Process pre = asSystemd(commandLine(directive(unit, "ExecStartPre"), config), preLog).start();
        assertTrue(pre.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, pre.exitValue(), Files.readString(preLog));
        assertEquals("Configuration OK.", Files.readString(preLog).strip());

        Path log = dir.resolve("vtool.log");
        Process p = asSystemd(commandLine(directive(unit, "ExecStart"), config), log).start();
        HttpServer origin = LoopbackPair.startTarget();
        try {
            VtoolProcess.awaitListening(p, port, log, Duration.ofSeconds(20));
            assertTrue(LoopbackPair.fetchThroughSocks(port, origin.getAddress().getPort()), Files.readString(log));
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            long stopTimeout = Long.parseLong(directive(unit, "TimeoutStopSec").replace("s", ""));
            assertTrue(p.waitFor(stopTimeout, TimeUnit.SECONDS), "not stopped within TimeoutStopSec");
            assertEquals(0, p.exitValue(), "systemd would mark the unit failed:\n" + Files.readString(log));
        } finally {
            origin.stop(0);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
