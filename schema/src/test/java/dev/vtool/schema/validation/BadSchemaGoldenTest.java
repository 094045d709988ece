package dev.vtool.schema.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * testdata/bad-schema/NAME.json holds configs with schema-level mistakes; NAME.expected lists the
 * findings of the reader and the schema layer as {@code RULE-ID LINE}, one per line, in position order.
 * (Semantic rules are left out so this golden file only changes with the schema.)
 */
class BadSchemaGoldenTest {

    @TestFactory
    Stream<DynamicTest> findingsMatchTheGoldenFiles() throws IOException {
        Path dir = V2rayBinary.repoRoot().resolve("testdata/bad-schema");
        List<Path> configs;
        try (Stream<Path> files = Files.list(dir)) {
            configs = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(configs.size() >= 10, "expected the bad-schema configs in " + dir);
        return configs.stream().map(config -> DynamicTest.dynamicTest(config.getFileName().toString(), () -> {
            String name = config.getFileName().toString().replaceAll("\\.json$", ".expected");
            Path golden = config.resolveSibling(name);
            assertTrue(Files.exists(golden), "missing golden file " + golden);
            List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertEquals(String.join("\n", expected), String.join("\n", actual(config)));
        }));
    }

    private static List<String> actual(Path config) throws IOException {
        ReadResult read = new ConfigReader().read(SourceFile.read(config));
        assertNotNull(read.document(), "bad-schema configs must still be JSON: " + read.findings());
        List<Finding> findings = new ArrayList<>(read.findings());
        findings.addAll(SchemaValidator.shared().validate(read.document()));
        findings.sort(Finding.BY_POSITION);
        return findings.stream().map(f -> f.ruleId() + " " + f.location().line()).collect(Collectors.toList());
    }
}
