package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
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
 * {@code "port": "env:NAME"}: 4.34 reads the port (or a range) from the environment when the config is
 * loaded; an unset variable is an invalid port range. vtool and v2ray, each as its own process with the
 * same environment.
 */
@Tag("slow")
class EnvPortTest {
    private static final String CONFIG = """
            {"inbounds": [{"listen": "127.0.0.1", "port": "env:VTOOL_TEST_PORT", "protocol": "socks"}],
             "outbounds": [{"protocol": "freedom"}]}
            """;

    private static Process start(List<String> cmd, String port, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("VTOOL_TEST_PORT");
        if (port != null) {
            pb.environment().put("VTOOL_TEST_PORT", port);
        }
        return pb.start();
    }

    private static List<String> vtool(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void vtoolListensOnThePortTheEnvironmentNames(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, CONFIG);
        int port = FreePort.next();
        Path log = dir.resolve("vtool.log");
        Process p = start(vtool("run", "-c", cfg.toString()), String.valueOf(port), log);
        try {
            VtoolProcess.awaitListening(p, port, log, Duration.ofSeconds(60));
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Process unset = start(vtool("run", "-test", "-c", cfg.toString()), null, dir.resolve("unset.log"));
        assertTrue(unset.waitFor(60, TimeUnit.SECONDS));
        assertEquals(23, unset.exitValue());
        assertTrue(Files.readString(dir.resolve("unset.log")).contains("invalid port range: \"env:VTOOL_TEST_PORT\""),
                Files.readString(dir.resolve("unset.log")));
        Process range = start(vtool("run", "-test", "-c", cfg.toString()), "20000-20005", dir.resolve("range.log"));
        assertTrue(range.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, range.exitValue(), Files.readString(dir.resolve("range.log")));
    }

    @Test
    @Tag("interop")
    void v2rayReadsTheSameVariable(@TempDir Path dir) throws Exception {
        Path v2ray = V2rayBinary.require();
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, CONFIG);
        int port = FreePort.next();
        Path log = dir.resolve("v2ray.log");
        Process p = start(List.of(v2ray.toString(), "-config", cfg.toString()), String.valueOf(port), log);
        try {
            VtoolProcess.awaitListening(p, port, log, Duration.ofSeconds(20));
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Process unset = start(List.of(v2ray.toString(), "-test", "-config", cfg.toString()), null,
                dir.resolve("unset.log"));
        assertTrue(unset.waitFor(20, TimeUnit.SECONDS));
        // the same words; 4.34 reaches them through a panic (exit 2), vtool exits 23 as for any bad config
        assertTrue(unset.exitValue() != 0);
        assertTrue(Files.readString(dir.resolve("unset.log")).contains("invalid port range: \"env:VTOOL_TEST_PORT\""),
                Files.readString(dir.resolve("unset.log")));
    }
}
