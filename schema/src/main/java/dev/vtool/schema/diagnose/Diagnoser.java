package dev.vtool.schema.diagnose;

import dev.vtool.schema.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches log lines against the knowledge base and groups them by entry. Unknown lines are not guessed
 * at: they are counted and grouped by shape so they can be added to the knowledge base.
 */
public final class Diagnoser {
    /** Distinct unrecognised shapes kept (further ones are only counted). */
    static final int MAX_UNRECOGNISED_SHAPES = 200;

    private final KnowledgeBase kb;

    public Diagnoser(KnowledgeBase kb) {
        this.kb = kb;
    }

    public Diagnoser() {
        this(KnowledgeBase.builtIn());
    }

    public DiagnosisReport diagnose(List<SourceFile> inputs) {
        return diagnose(inputs, TailorContext.NONE);
    }

    /** Diagnoses every line of every input, then lets tailors consult the configs in the context. */
    public DiagnosisReport diagnose(List<SourceFile> inputs, TailorContext context) {
        Map<String, EntryGroup> groups = new LinkedHashMap<>();
        Map<String, UnrecognisedGroup> unknown = new LinkedHashMap<>();
        int lines = 0;
        int matched = 0;
        int routine = 0;
        int unrecognised = 0;
        List<String> names = new ArrayList<>();
        for (SourceFile input : inputs) {
            names.add(input.name());
            LogLineParser parser = new LogLineParser(input.name());
            int count = input.text().isEmpty() ? 0 : input.lineCount();
            if (count > 0 && input.line(count).isEmpty()) {
                count--; // the empty "line" after a final newline
            }
            for (int n = 1; n <= count; n++) {
                LogLine line = parser.next(input.line(n));
                lines++;
                switch (line.kind()) {
                    case BLANK:
                    case STACK:
                        continue;
                    case ACCESS_ACCEPTED:
                        routine++;
                        continue;
                    default:
                        break;
                }
                KnowledgeBase.Match match = kb.match(line.text());
                if (match != null) {
                    matched++;
                    groups.computeIfAbsent(match.entry().id(), id -> new EntryGroup(match.entry(), groups.size()))
                            .add(line, match.groups());
                } else if (kb.isRoutine(line.text())) {
                    routine++;
                } else {
                    unrecognised++;
                    String shape = MessageShape.of(line.text());
                    UnrecognisedGroup g = unknown.get(shape);
                    if (g == null && unknown.size() < MAX_UNRECOGNISED_SHAPES) {
                        g = new UnrecognisedGroup(shape, line, unknown.size());
                        unknown.put(shape, g);
                    }
                    if (g != null) {
                        g.add();
                    }
                }
            }
        }
        if (context != null && !context.isEmpty()) {
            for (EntryGroup g : groups.values()) {
                Tailor tailor = Tailors.get(g.entry().tailor());
                if (tailor != null) {
                    g.addAdvice(tailor.advise(g, context));
                }
            }
        }
        return new DiagnosisReport(names, new ArrayList<>(groups.values()), new ArrayList<>(unknown.values()),
                lines, matched, routine, unrecognised);
    }
}
