package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The fragment index only saves work: lookups give what trying every pattern in file order gives. */
class LiteralIndexTest {

    private static String naiveMatch(KnowledgeBase kb, String text) {
        for (KbEntry e : kb.entries()) {
            Map<String, String> groups = e.match(text);
            if (groups != null) {
                return e.id() + " " + groups;
            }
        }
        return null;
    }

    @Test
    void lookupsAgreeWithTryingEveryPattern() throws IOException {
        KnowledgeBase kb = KnowledgeBase.builtIn();
        List<String> texts = new ArrayList<>();
        kb.entries().forEach(e -> e.examples().forEach(x -> texts.add(new LogLineParser("x").next(x).text())));
        try (Stream<Path> s = Files.list(V2rayBinary.repoRoot().resolve("testdata/logs"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".log")).toList()) {
                LogLineParser parser = new LogLineParser("x");
                Files.readAllLines(p).forEach(l -> texts.add(parser.next(l).text()));
            }
        }
        texts.addAll(List.of("XTLS is not in 4.34", "use Reality", "xtlsx", "CONTEXT CANCELED"));
        // upper-cased and spliced variants: case and position must not fool the index
        SplittableRandom random = new SplittableRandom(5);
        int n = texts.size();
        for (int i = 0; i < 1500; i++) {
            String a = texts.get(random.nextInt(n));
            String b = texts.get(random.nextInt(n));
            String spliced = a.substring(0, random.nextInt(a.length() + 1)) + b.substring(random.nextInt(b.length() + 1));
            texts.add(random.nextBoolean() ? spliced : spliced.toUpperCase());
        }
        KnowledgeBase.Lookup lookup = kb.lookup();
        for (String text : texts) {
            KnowledgeBase.Match m = lookup.match(text);
            assertEquals(naiveMatch(kb, text), m == null ? null : m.entry().id() + " " + m.groups(), text);
            boolean routine = false;
            for (GuardedPattern p : kb.routinePatternList()) {
                routine |= p.find(text);
            }
            assertEquals(routine, lookup.isRoutine(text), text);
        }
    }
}
