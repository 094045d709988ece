package dev.vtool.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The refusal sink parsers are handed: kinds, places, and the wording of not-supported refusals. */
class ConfigProblemsTest {
    private final ConfigDocument doc = new ConfigReader().read(new SourceFile("p.json", """
            {"a": {"b": 1},
             "c": [true]}
            """)).document();

    @Test
    void eachWayOfReportingKeepsItsKindAndPlace() {
        ConfigProblems problems = new ConfigProblems(doc);
        ConfigNode root = ConfigNode.root(doc);
        problems.error("/c/0", "bad c");
        problems.notSupported(root.get("a"), "feature \"a\"");
        problems.notSupported("/a/b", "feature \"b\"");
        problems.error(root.get("a").error("thrown"));
        Consumer<ConfigModelException> parserSink = problems::notSupported;
        parserSink.accept(root.get("c").error("a.c \"x\" is not supported by vtool yet"));
        assertEquals(List.of("p.json:2:8: bad c", "p.json:1:7: feature \"a\" is not supported by vtool yet",
                        "p.json:1:13: feature \"b\" is not supported by vtool yet", "p.json:1:7: thrown",
                        "p.json:2:7: a.c \"x\" is not supported by vtool yet"),
                problems.all().stream().map(ConfigProblems.Problem::describe).toList());
        assertEquals(3, problems.notSupported().size());
        assertEquals(List.of(1, 1, 1, 2, 2), ConfigProblems.byPosition(problems.all()).stream()
                .map(p -> p.location().line()).toList());
        assertEquals(5, problems.toException().problems().size());
    }
}
