package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code lint FILE...} skips picocli: its output, error output and exit code must be exactly what the
 * picocli-built command gives for the same arguments, and any other form must still go through picocli.
 */
class PlainLintTest {
    @TempDir
    Path dir;

    @Test
    void plainFileListsGiveWhatPicocliGives() throws IOException {
        Path seed = V2rayBinary.repoRoot().resolve("testdata/seed");
        String client = seed.resolve("client.json").toString();
        String server = seed.resolve("server.json").toString();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\n  \"inbounds\": [{\"port\": 70000, \"protocol\": \"sock\",}],\n  \"Log\": 1\n}\n");
        Path utf16 = dir.resolve("u16.json");
        Files.write(utf16, "\uFEFF{}".getBytes(StandardCharsets.UTF_16LE));
        String missing = dir.resolve("nope.json").toString();
        for (List<String> files : List.of(List.of(client), List.of(client, server), List.of(broken.toString()),
                List.of(server, missing, dir.toString(), utf16.toString()), List.of("-"))) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("lint"), files.stream())
                    .toArray(String[]::new);
            assertEquals(files, PlainLint.files(args));
            String stdin = "{\"inbounds\": [{\"port\": 1080, \"protocol\": \"socks\"}]}";
            Captured shortcut = capture(stdin, () -> Main.run(args));
            Captured picocli = capture(stdin, () -> Main.newCommandLine("lint").execute(args));
            assertEquals(picocli, shortcut, String.join(" ", args));
        }
    }

    @Test
    void optionsArgfilesAndEmptyListsGoThroughPicocli() {
        for (String[] args : new String[][] {{"lint"}, {"lint", "--strict", "a.json"}, {"lint", "a.json", "-q"},
                {"lint", "@args"}, {"lint", "--", "a.json"}, {"lint", ""}, {"fmt", "a.json"}, {}}) {
            assertNull(PlainLint.files(args), String.join(" ", args));
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
