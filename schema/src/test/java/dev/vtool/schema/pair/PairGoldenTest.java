package dev.vtool.schema.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every directory under testdata/pairs holds client.json, server.json and `expected`: "OK" first when the
 * pair has no errors, then one "RULE-ID FILE LINE" per finding (file is client.json or server.json).
 * Run with -Dvtool.regen=true to rewrite the expected files (then review the diff).
 */
class PairGoldenTest {

    @TestFactory
    Stream<DynamicTest> everyPair() throws IOException {
        Path root = V2rayBinary.repoRoot().resolve("testdata/pairs");
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> Files.isRegularFile(p.resolve("client.json"))).sorted().forEach(dirs::add);
        }
        assertTrue(dirs.size() >= 12, "expected the pair corpus under " + root);
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    static ConfigDocument read(Path file) throws IOException {
        SourceFile src = new SourceFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        ConfigDocument doc = new ConfigReader().read(src).document();
        assertNotNull(doc, file + " must be valid JSON");
        return doc;
    }

    private static void run(Path dir) throws IOException {
        PairResult result = new PairChecker().analyse(read(dir.resolve("client.json")), read(dir.resolve("server.json")));
        List<String> actual = new ArrayList<>();
        if (!result.hasErrors()) {
            actual.add("OK");
        }
        for (Finding f : result.findings()) {
            actual.add(f.ruleId() + " " + Path.of(f.location().fileName()).getFileName() + " " + f.location().line());
            // Every finding names both sides.
            assertTrue(!f.related().isEmpty(), "finding without a related location: " + f);
            assertTrue(!f.related().get(0).fileName().equals(f.location().fileName()),
                    "related location must point into the other file: " + f);
        }
        Path expectedFile = dir.resolve("expected");
        if (Boolean.getBoolean("vtool.regen")) {
            Files.writeString(expectedFile, String.join("\n", actual) + "\n");
            System.out.println("== " + dir.getFileName());
            result.findings().forEach(f -> System.out.println("  " + f.location() + " " + f.ruleId() + " " + f.message()));
        }
        List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(expected, actual, "findings of " + dir.getFileName() + ": " + result.findings());
    }
}
