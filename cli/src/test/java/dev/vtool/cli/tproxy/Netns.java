package dev.vtool.cli.tproxy;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private network namespace with only its loopback up: iptables rules and routes made in it touch
 * nothing outside, and traffic never leaves it. Needs root and the {@code ip} (iproute2) and
 * {@code iptables} commands: without them tests skip, except under CI=true, where they fail.
 */
final class Netns implements AutoCloseable {
    private final String name;
    private final List<Process> started = new ArrayList<>();

    private Netns(String name) {
        this.name = name;
    }

    /** A new namespace with lo up, or skip (locally) / fail (CI=true) when this machine cannot make one. */
    static Netns create() throws Exception {
        assumeTrue(!Boolean.getBoolean("vtool.unit"), "unit loop (-Punit): network namespace tests skipped");
        String missing = missing();
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing + " -- CI=true (CI runs as root with iproute2 and iptables), so this test must run");
            }
            assumeTrue(false, missing + " -- skipping the transparent proxy test");
        }
        Netns ns = new Netns("vtool-tp-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20)));
        exec(List.of("ip", "netns", "add", ns.name));
        ns.run("ip", "link", "set", "lo", "up");
        return ns;
    }

    private static String missing() throws Exception {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor(10, TimeUnit.SECONDS);
        if (!uid.equals("0")) {
            return "not root (uid " + uid + "): network namespaces and iptables need root";
        }
        for (String tool : List.of("ip", "iptables")) {
            if (which(tool) == null) {
                return tool + " not found (Debian packages iproute2 and iptables)";
            }
        }
        return null;
    }

    private static Path which(String tool) {
        List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        for (String d : dirs) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs a command inside the namespace; it must succeed within 20 s. */
    void run(String... cmd) throws Exception {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(List.of(cmd));
        exec(all);
    }

    /** Starts a long-running command inside the namespace, its output in {@code log}; closed with the namespace. */
    Process start(Path log, List<String> cmd) throws IOException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(cmd);
        Process p = new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    private static void exec(List<String> cmd) throws Exception {
        List<String> resolved = new ArrayList<>(cmd);
        Path tool = which(cmd.get(0));
        if (tool != null) {
            resolved.set(0, tool.toString());
        }
        for (int i = 0; i < resolved.size() - 1; i++) {
            if (resolved.get(i).equals("exec") && which(resolved.get(i + 1)) != null) {
                resolved.set(i + 1, which(resolved.get(i + 1)).toString());
                break;
            }
        }
        Process p = new ProcessBuilder(resolved).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + out);
        }
    }

    /** Stops what it started (those processes only), then deletes the namespace. */
    void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : started) {
            stop(p);
        }
        exec(List.of("ip", "netns", "del", name));
    }
}
