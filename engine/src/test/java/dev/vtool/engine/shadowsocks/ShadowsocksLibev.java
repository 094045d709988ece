package dev.vtool.engine.shadowsocks;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vtool.testkit.V2rayProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One shadowsocks-libev process (Debian's {@code shadowsocks-libev}: ss-server, ss-local) on loopback,
 * killed on close. Without the binaries the calling test is skipped, except under CI=true, where it
 * fails (the same rule as for v2ray); the fast unit loop skips it.
 */
final class ShadowsocksLibev implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ShadowsocksLibev(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The path of {@code name} (ss-server, ss-local), or skip / fail as described above. */
    static Path require(String name) {
        assumeTrue(!Boolean.getBoolean("vtool.unit"), "unit loop (-Punit): tests against shadowsocks-libev skipped");
        Path bin = Path.of("/usr/bin", name);
        if (!Files.isExecutable(bin)) {
            String why = name + " not found (install Debian's package: apt-get install -y shadowsocks-libev)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " -- CI=true, so the shadowsocks-libev interop tests must run");
            }
            assumeTrue(false, why + " -- skipping");
        }
        return bin;
    }

    /** ss-server with UDP on 127.0.0.1:port. */
    static ShadowsocksLibev server(Path dir, int port, String method, String password) throws Exception {
        return start(dir, "ss-server", List.of("-s", "127.0.0.1", "-p", String.valueOf(port), "-k", password,
                "-m", method, "-u", "-t", "60"), port);
    }

    /** ss-local (a SOCKS5 proxy with UDP) on 127.0.0.1:localPort, to the server at 127.0.0.1:serverPort. */
    static ShadowsocksLibev local(Path dir, int localPort, int serverPort, String method, String password) throws Exception {
        return start(dir, "ss-local", List.of("-s", "127.0.0.1", "-p", String.valueOf(serverPort), "-b", "127.0.0.1",
                "-l", String.valueOf(localPort), "-k", password, "-m", method, "-u", "-t", "60"), localPort);
    }

    private static ShadowsocksLibev start(Path dir, String name, List<String> args, int waitPort) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(require(name).toString());
        cmd.addAll(args);
        Path log = Files.createTempFile(dir, name, ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        ShadowsocksLibev s = new ShadowsocksLibev(p, log);
        try {
            V2rayProcesses.awaitListening(waitPort, p);
        } catch (AssertionError e) {
            s.close();
            throw new IllegalStateException(name + " did not start on " + waitPort + ": " + s.output(), e);
        }
        return s;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
