package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.testkit.V2rayBinary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with plain options skips picocli: output, error output and exit code must be exactly what the
 * picocli-built command gives for the same arguments (checked with -test, -version and refusals, which
 * end without serving), and every other form must still go through picocli.
 */
class PlainRunTest {
    @TempDir
    Path dir;

    @Test
    void plainOptionsGiveWhatPicocliGives() throws IOException {
        String server = V2rayBinary.repoRoot().resolve("testdata/seed/server.json").toString();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\n  \"inbounds\": [{\"port\": 70000, \"protocol\": \"sock\",}],\n  \"Log\": 1\n}\n");
        Path unsupported = dir.resolve("ds.json");
        Files.writeString(unsupported, """
                {"inbounds": [{"port": 1080, "protocol": "socks", "streamSettings": {"network": "ds",
                   "dsSettings": {"path": "v", "abstract": true, "padding": true}}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """);
        Path confdir = Files.createDirectory(dir.resolve("conf.d"));
        Files.writeString(confdir.resolve("10-out.json"), "{\"outbounds\": [{\"protocol\": \"blackhole\"}]}");
        String missing = dir.resolve("nope.json").toString();
        String stdin = "{\"inbounds\": [{\"port\": 1080, \"protocol\": \"socks\"}]}";
        for (List<String> rest : List.of(
                List.of("-test", "-c", server),
                List.of("-config", server, "--test"),
                List.of("--config", server, "-confdir", confdir.toString(), "-test"),
                List.of("-test", "-c", broken.toString()),
                List.of("-c", broken.toString()),
                List.of("-c", unsupported.toString()),
                List.of("-test", "-c", unsupported.toString(), "-c", server),
                List.of("-test", "-c", missing),
                List.of("-test", "-c", server, "-format", "pb"),
                List.of("-test", "-c", "stdin:"),
                List.of("-version"))) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("run"), rest.stream())
                    .toArray(String[]::new);
            assertNotNull(PlainRun.command(args), String.join(" ", args));
            Captured shortcut = capture(stdin, () -> Main.run(args));
            Captured picocli = capture(stdin, () -> Main.newCommandLine("run").execute(args));
            assertEquals(picocli, shortcut, String.join(" ", args));
        }
    }

    @Test
    void otherFormsGoThroughPicocli() {
        for (String[] args : new String[][] {{"run", "--config=a.json"}, {"run", "-c"}, {"run", "-c", ""},
                {"run", "-c", "-test"}, {"run", "@args"}, {"run", "--help"}, {"run", "-h"}, {"run", "-V"},
                {"run", "-test", "-test"}, {"run", "-confdir", "a", "-confdir", "b"},
                {"run", "-format", "json", "--format", "json"}, {"run", "--", "a.json"}, {"run", "a.json"},
                {"lint", "a.json"}, {}}) {
            assertNull(PlainRun.command(args), String.join(" ", args));
        }
    }

    private record Captured(int code, String out, String err) {
    }

    private static synchronized Captured capture(String stdin, java.util.function.IntSupplier run) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = run.getAsInt();
            return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }
}
