package dev.vtool.schema.diagnose;

import dev.vtool.schema.source.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Matches log lines against the knowledge base and groups them by entry. Unknown lines are not guessed
 * at: they are counted and grouped by shape so they can be added to the knowledge base. Logs of any
 * size are read as streams through a {@link DiagnosisTally}; this class diagnoses texts already in
 * memory.
 */
public final class Diagnoser {
    private final KnowledgeBase kb;

    public Diagnoser(KnowledgeBase kb) {
        this.kb = kb;
    }

    public Diagnoser() {
        this(KnowledgeBase.builtIn());
    }

    /** A fresh tally for streaming input. */
    public DiagnosisTally tally() {
        return new DiagnosisTally(kb);
    }

    public DiagnosisReport diagnose(List<SourceFile> inputs) {
        return diagnose(inputs, TailorContext.NONE);
    }

    /** Diagnoses every line of every input, then lets tailors consult the configs in the context. */
    public DiagnosisReport diagnose(List<SourceFile> inputs, TailorContext context) {
        DiagnosisTally tally = tally();
        for (SourceFile input : inputs) {
            try {
                tally.read(input.name(), new ByteArrayInputStream(input.text().getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // cannot happen: the bytes are in memory
            }
        }
        return tally.report(context);
    }
}
