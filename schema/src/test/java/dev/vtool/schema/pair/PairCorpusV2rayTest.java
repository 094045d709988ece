package dev.vtool.schema.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pair corpus is made of configs V2Ray 4.34 loads (so a pair finding is about the pair, not a
 * broken file); only the files listed here are broken on purpose.
 */
class PairCorpusV2rayTest {
    private static final Set<String> BROKEN_ON_PURPOSE = Set.of("uuid-invalid/client.json");

    @Test
    void v2rayAcceptsEveryCorpusConfig() throws Exception {
        Path bin = V2rayBinary.require();
        Path root = V2rayBinary.repoRoot().resolve("testdata/pairs");
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> Files.isRegularFile(p.resolve("client.json"))).sorted().forEach(dirs::add);
        }
        List<String> wrong = new ArrayList<>();
        for (Path dir : dirs) {
            for (String file : List.of("client.json", "server.json")) {
                // Run inside the pair directory: certificate paths are relative to it.
                Process p = new ProcessBuilder(bin.toString(), "-test", "-config", file).directory(dir.toFile())
                        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "v2ray -test hangs on " + dir + "/" + file);
                String key = dir.getFileName() + "/" + file;
                boolean accepted = p.exitValue() == 0;
                if (accepted == BROKEN_ON_PURPOSE.contains(key)) {
                    wrong.add(key + " (exit " + p.exitValue() + "): " + out.strip());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
