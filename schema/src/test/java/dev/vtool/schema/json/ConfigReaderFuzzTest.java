package dev.vtool.schema.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.source.SourceFile;

/**
 * Fuzzes the config reader (commented JSON with positions) and the model builder behind `vtool run`:
 * any text gives a document or findings, never an exception, and every finding has a position inside
 * the text.
 */
class ConfigReaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void read(String text) {
        if (text == null) {
            return; // Jazzer passes null for some inputs; a file always has text
        }
        SourceFile file = new SourceFile("fuzz.json", text);
        ReadResult r = new ConfigReader().read(file);
        if (r.document() == null && r.findings().isEmpty()) {
            throw new AssertionError("no document and no finding");
        }
        for (Finding f : r.findings()) {
            if (f.location() != null && f.location().position() != null
                    && f.location().position().line() < 1) {
                throw new AssertionError("finding before line 1: " + f);
            }
        }
        if (r.document() != null) {
            try {
                new ConfigModelBuilder().build(r.document());
            } catch (ConfigModelException declared) {
                // a config vtool run refuses, with a message
            }
        }
    }
}
