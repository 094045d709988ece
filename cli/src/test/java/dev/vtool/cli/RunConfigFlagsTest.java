package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run -test} with 4.34's config flags: the verdict (exit 0 or 23) of vtool and of the real
 * {@code v2ray -test} agree on merged, confdir, stdin and 4.x-layout configs, valid and broken.
 */
@org.junit.jupiter.api.Tag("slow") // starts v2ray and vtool processes; the full suite runs it, -Punit does not
class RunConfigFlagsTest {
    @TempDir
    Path dir;

    private void write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, json);
    }

    private record Outcome(int code, String out) {
    }

    private Outcome process(List<String> command, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("V2RAY_LOCATION_CONFDIR");
        pb.environment().remove("V2RAY_LOCATION_CONFIG");
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs `v2ray -test ARGS` and `vtool run -test ARGS` in the same directory; returns vtool's exit code. */
    private int sameVerdict(String stdin, String... args) throws Exception {
        List<String> v2ray = new ArrayList<>(List.of(V2rayBinary.require().toString(), "-test"));
        v2ray.addAll(List.of(args));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> vtool = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main", "run", "-test"));
        vtool.addAll(List.of(args));
        Outcome theirs = process(v2ray, stdin);
        Outcome ours = process(vtool, stdin);
        int theirCode = theirs.code() == 0 ? 0 : 23; // v2ray panics (exit 2) on an unreadable file
        assertEquals(theirCode, ours.code(), String.join(" ", args) + "\nv2ray: " + theirs.out() + "\nvtool: " + ours.out());
        return ours.code();
    }

    private static final String IN = "{\"inbounds\": [{\"tag\": \"in\", \"protocol\": \"socks\", \"port\": 10800, \"listen\": \"127.0.0.1\"}]}";
    private static final String OUT = "{\"outbounds\": [{\"tag\": \"direct\", \"protocol\": \"freedom\"}]}";
    private static final String ROUTE = "{\"routing\": {\"rules\": [{\"type\": \"field\", \"inboundTag\": [\"in\"], \"outboundTag\": \"direct\"}]}}";

    @Test
    void splitConfigIsValidOnlyAsAWhole() throws Exception {
        write("in.json", IN);
        write("out.json", OUT);
        write("route.json", ROUTE);
        assertEquals(0, sameVerdict(null, "-config", "in.json", "-config", "out.json", "-config", "route.json"));
        assertEquals(0, sameVerdict(null, "-c", "in.json", "-c", "out.json"));
        // a broken later file breaks the whole
        write("broken.json", "{\"outbounds\": [{\"protocol\": \"freedom\",}]}");
        assertEquals(23, sameVerdict(null, "-config", "in.json", "-config", "broken.json"));
        write("badtype.json", "{\"inboundDetour\": {\"protocol\": \"socks\"}}");
        assertEquals(23, sameVerdict(null, "-config", "in.json", "-config", "out.json", "-config", "badtype.json"));
        assertEquals(23, sameVerdict(null, "-config", "in.json", "-config", "missing.json"));
    }

    @Test
    void confdirAndStdinAndDefaultConfig() throws Exception {
        write("d/1.json", IN);
        write("d/2.json", OUT);
        write("d/3.json", ROUTE);
        write("d/ignored.txt", "not json");
        assertEquals(0, sameVerdict(null, "-confdir", "d"));
        String whole = "{\"inbounds\": [{\"protocol\": \"socks\", \"port\": 10801}], \"outbounds\": [{\"protocol\": \"freedom\"}]}";
        assertEquals(0, sameVerdict(whole, "-config", "stdin:"));
        assertEquals(23, sameVerdict("{\"inbounds\": [", "-config", "stdin:"));
        // nothing named: config.json of the working directory
        write("config.json", "{\"inbounds\": [{\"protocol\": \"socks\", \"port\": \"x\"}]}");
        assertEquals(23, sameVerdict(null));
        write("config.json", whole);
        assertEquals(0, sameVerdict(null));
    }

    @Test
    void legacyLayoutVerdicts() throws Exception {
        write("old.json", "{\"port\": 10802, \"inbound\": {\"protocol\": \"socks\"}, \"outbound\": {\"protocol\": \"freedom\"},"
                + " \"inboundDetour\": [{\"protocol\": \"http\", \"port\": 10803}], \"outboundDetour\": [{\"protocol\": \"blackhole\", \"tag\": \"b\"}]}");
        assertEquals(0, sameVerdict(null, "-config", "old.json"));
        write("oldbad.json", "{\"inbound\": {\"protocol\": \"socks\"}, \"outbound\": {\"protocol\": \"freedom\"}}");
        assertEquals(23, sameVerdict(null, "-config", "oldbad.json")); // no port at all
        write("oldport.json", "{\"port\": \"1080\", \"inbound\": {\"protocol\": \"socks\"}}");
        assertEquals(23, sameVerdict(null, "-config", "oldport.json"));
    }

    @Test
    void versionFlag() {
        CliRun r = CliRun.run("run", "-version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("vtool "), r.out());
        assertEquals(r.out(), CliRun.run("version").out());
        assertEquals(r.out(), CliRun.run("-version").out());
        assertEquals(r.out(), CliRun.run("run", "--version").out());
        CliRun help = CliRun.run("run", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("-confdir"), help.out());
    }
}
