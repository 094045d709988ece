package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** testdata/logs/NAME.log diagnosed must give NAME.expected: entry ids with counts, then unrecognised. */
class GoldenLogsTest {

    static Stream<Path> logs() throws IOException {
        Path dir = V2rayBinary.repoRoot().resolve("testdata/logs");
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        assertFalse(all.isEmpty(), "no logs in " + dir);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void diagnosisMatchesGoldenFile(Path log) throws IOException {
        Path expectedFile = Path.of(log.toString().replaceAll("\\.log$", ".expected"));
        List<String> expected = Files.readAllLines(expectedFile).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        DiagnosisReport report = new Diagnoser().diagnose(List.of(SourceFile.read(log)));
        List<String> actual = new ArrayList<>();
        for (EntryGroup g : report.groups()) {
            actual.add(g.entry().id() + " " + g.count());
        }
        actual.add("unrecognised " + report.unrecognised());
        assertEquals(String.join("\n", expected), String.join("\n", actual), "diagnosis of " + log.getFileName());
    }
}
