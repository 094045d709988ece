package dev.vtool.schema.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The running state of a diagnosis, fed one line at a time: groups per knowledge-base entry, the
 * unrecognised shapes and the line counts. Its size does not grow with the log: at most one group per
 * entry (each keeping four example lines and a bounded set of captured values), at most
 * {@link #MAX_UNRECOGNISED_SHAPES} unrecognised shapes, and lines are cut by the reader's cap. Not
 * thread-safe: one reader feeds it (a follower that also reports from another thread locks it).
 */
public final class DiagnosisTally {
    /** Distinct unrecognised shapes kept (further ones are only counted). */
    public static final int MAX_UNRECOGNISED_SHAPES = 200;

    private final RecentVerdicts verdicts;
    private final Map<String, EntryGroup> groups = new LinkedHashMap<>();
    private final Map<KbEntry, EntryGroup> byEntry = new IdentityHashMap<>();
    private final Map<String, UnrecognisedGroup> unknown = new LinkedHashMap<>();
    private final List<String> inputs = new ArrayList<>();
    private Consumer<EntryGroup> onNewGroup = g -> { };
    private EntryGroup lastGroup;
    /** Holds a line handed over already parsed ({@link #add(LogLine)}). */
    private final LineView parsed = new LineView(null);
    private long lines;
    private long matched;
    private long routine;
    private long unrecognised;
    private long cutLines;

    public DiagnosisTally(KnowledgeBase kb) {
        this.verdicts = new RecentVerdicts(kb.lookup());
    }

    /** Called with a group when its first line arrives (follow mode prints each new cause once). */
    public DiagnosisTally onNewGroup(Consumer<EntryGroup> listener) {
        this.onNewGroup = listener;
        return this;
    }

    /** Names the next input in the report; returns the parser for its lines. */
    public LogLineParser startInput(String name) {
        inputs.add(name);
        return new LogLineParser(name);
    }

    /**
     * Diagnoses a whole stream, line by line, in constant memory. Lines stay bytes in the reader's buffer:
     * only a text not seen recently is decoded and matched, only a group's first line becomes a record.
     */
    public void read(String name, InputStream in) throws IOException {
        LogLineParser parser = startInput(name);
        LogLineReader reader = new LogLineReader(in);
        try {
            while (reader.advance()) {
                add(parser.next(reader.lineBytes(), reader.lineStart(), reader.lineEnd()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            addCutLines(reader.cutLines());
        }
    }

    /** Takes the line the reader is at, read with that input's parser (a follower feeds lines one by one). */
    public void addLine(LogLineParser parser, LogLineReader reader) {
        add(parser.next(reader.lineBytes(), reader.lineStart(), reader.lineEnd()));
    }

    /** Counts lines a reader cut to its cap (they were diagnosed by their start). */
    public void addCutLines(long n) {
        cutLines += n;
    }

    /** Takes one parsed line into the tally. */
    public void add(LogLine line) {
        parsed.set(line);
        add(parsed);
    }

    private void add(LineView line) {
        lines++;
        switch (line.kind()) {
            case BLANK:
            case STACK:
                return;
            case ACCESS_ACCEPTED:
                routine++;
                return;
            default:
                break;
        }
        Verdict verdict = verdicts.of(line);
        if (verdict.match() != null) {
            KnowledgeBase.Match match = verdict.match();
            matched++;
            // runs of lines of one cause are common: the last group is checked before the map
            EntryGroup g = lastGroup != null && lastGroup.entry() == match.entry() ? lastGroup
                    : byEntry.get(match.entry());
            boolean created = g == null;
            if (created) {
                g = new EntryGroup(match.entry(), groups.size());
                groups.put(match.entry().id(), g);
                byEntry.put(match.entry(), g);
            }
            lastGroup = g;
            g.add(line, match.groups());
            if (created) {
                onNewGroup.accept(g);
            }
        } else if (verdict.routine()) {
            routine++;
        } else {
            unrecognised++;
            String shape = verdict.shape();
            UnrecognisedGroup g = unknown.get(shape);
            if (g == null && unknown.size() < MAX_UNRECOGNISED_SHAPES) {
                g = new UnrecognisedGroup(shape, line.toLogLine(), unknown.size());
                unknown.put(shape, g);
            }
            if (g != null) {
                g.add();
            }
        }
    }

    public long lines() {
        return lines;
    }

    /** The groups so far, in order of first appearance (live objects: they keep counting). */
    public List<EntryGroup> groups() {
        return new ArrayList<>(groups.values());
    }

    /** The report so far; tailors consult the configs in the context (none: no advice). */
    public DiagnosisReport report(TailorContext context) {
        if (context != null && !context.isEmpty()) {
            for (EntryGroup g : groups.values()) {
                Tailor tailor = Tailors.get(g.entry().tailor());
                if (tailor != null) {
                    g.setAdvice(tailor.advise(g, context));
                }
            }
        }
        return new DiagnosisReport(inputs, new ArrayList<>(groups.values()), new ArrayList<>(unknown.values()),
                lines, matched, routine, unrecognised, cutLines);
    }
}
