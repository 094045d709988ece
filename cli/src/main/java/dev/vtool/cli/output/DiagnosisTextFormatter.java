package dev.vtool.cli.output;

import dev.vtool.schema.diagnose.DiagnosisReport;
import dev.vtool.schema.diagnose.EntryGroup;
import dev.vtool.schema.diagnose.KbEntry;
import dev.vtool.schema.diagnose.LogLine;
import dev.vtool.schema.diagnose.LogLineReader;
import dev.vtool.schema.diagnose.UnrecognisedGroup;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.text.Printable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * For people: one block per known message, most frequent first (count, first/last seen, an example
 * line, cause, fix, config-specific advice), then the unrecognised lines and a summary line. Text
 * that comes from the log is escaped ({@link Printable}) so log bytes cannot drive the terminal.
 */
public final class DiagnosisTextFormatter {
    /** Unrecognised shapes shown in text (JSON lists all that were kept). */
    static final int SHOWN_UNRECOGNISED = 20;
    private static final int MAX_EXAMPLE = 400;

    private final Ansi ansi;

    public DiagnosisTextFormatter(boolean color) {
        this.ansi = new Ansi(color);
    }

    public void write(DiagnosisReport report, PrintStream out) {
        for (EntryGroup g : report.groups()) {
            writeGroup(g, out);
            out.println();
        }
        if (!report.unrecognisedGroups().isEmpty()) {
            List<UnrecognisedGroup> u = report.unrecognisedGroups();
            out.println(ansi.bold("unrecognised: " + Summary.plural(report.unrecognised(), "line"))
                    + " not in vtool's knowledge base (not guessed at; worth adding):");
            for (UnrecognisedGroup g : u.subList(0, Math.min(SHOWN_UNRECOGNISED, u.size()))) {
                out.println("  " + g.count() + "x  " + Printable.escape(g.shape()));
                out.println("      " + ansi.dim("e.g. " + where(g.example()) + ": " + clip(g.example().raw())));
            }
            if (u.size() > SHOWN_UNRECOGNISED) {
                out.println("  " + ansi.dim("... and " + (u.size() - SHOWN_UNRECOGNISED) + " more shapes (--format json lists them)"));
            }
            out.println();
        }
        if (report.cutLines() > 0) {
            out.println(ansi.dim("note: " + Summary.plural(report.cutLines(), "line") + " longer than "
                    + LogLineReader.DEFAULT_MAX_LINE_BYTES / 1024 + " KiB: only their start was diagnosed"));
        }
        out.println(summary(report));
    }

    /** One known message: the block of the report (also printed alone when --follow first sees it). */
    public void writeGroup(EntryGroup g, PrintStream out) {
        KbEntry e = g.entry();
        String sev = e.severity().label();
        String coloured = e.severity() == Severity.ERROR ? ansi.red(sev)
                : e.severity() == Severity.WARNING ? ansi.yellow(sev) : ansi.cyan(sev);
        out.println(coloured + ": " + ansi.bold(e.title()) + " " + ansi.dim("[" + e.id() + "]"));
        out.println("  " + times(g.count()) + seen(g));
        LogLine ex = g.first();
        out.println("  " + ansi.dim("e.g. " + where(ex) + ": " + clip(ex.raw())));
        String captured = Printable.escape(captures(g.captures()));
        if (!captured.isEmpty()) {
            out.println("  seen: " + captured);
        }
        out.println("  " + ansi.bold("cause:") + " " + e.cause());
        out.println("  " + ansi.green("fix:") + " " + Printable.escape(g.fix()));
        if (!g.advice().isEmpty()) {
            out.println("  " + ansi.green("for your config:"));
            for (String a : g.advice()) {
                String[] parts = a.split("\n", -1);
                out.println("    - " + Printable.escape(parts[0]));
                for (int i = 1; i < parts.length; i++) {
                    out.println("      " + Printable.escape(parts[i]));
                }
            }
        }
        out.println("  " + ansi.dim("doc: " + e.doc()));
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }

    private static String seen(EntryGroup g) {
        String first = g.firstSeen();
        String last = g.lastSeen();
        if (first == null && last == null) {
            return "";
        }
        if (g.count() == 1 || first != null && first.equals(last)) {
            return ", at " + (first != null ? first : last);
        }
        return ", first " + (first == null ? "?" : first) + ", last " + (last == null ? "?" : last);
    }

    static String captures(Map<String, Map<String, Long>> captures) {
        List<String> parts = new ArrayList<>();
        captures.forEach((name, values) -> {
            List<String> vs = new ArrayList<>();
            values.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(5)
                    .forEach(v -> vs.add(v.getKey() + (v.getValue() > 1 ? " (" + v.getValue() + ")" : "")));
            parts.add(name + " " + String.join(", ", vs) + (values.size() > 5 ? ", ..." : ""));
        });
        return String.join("; ", parts);
    }

    /** The start of a log line, escaped. */
    private static String clip(String s) {
        return Printable.escape(s.length() <= MAX_EXAMPLE ? s : s.substring(0, MAX_EXAMPLE) + "...");
    }

    private static String where(LogLine line) {
        return Printable.escape(line.where()); // the file name is the user's, but may hold anything
    }

    private String summary(DiagnosisReport r) {
        int errors = r.groupsOf(Severity.ERROR);
        int warnings = r.groupsOf(Severity.WARNING);
        int infos = r.groupsOf(Severity.INFO);
        String counts = Summary.plural(r.lines(), "line") + " (" + r.matched() + " recognised, " + r.routine()
                + " routine, " + r.unrecognised() + " unrecognised) from " + Summary.plural(r.inputs().size(), "input");
        if (errors + warnings == 0) {
            return ansi.green("no problems found") + (infos > 0 ? " (" + Summary.plural(infos, "note") + ")" : "")
                    + " in " + counts;
        }
        return Summary.plural(errors, "error") + ", " + Summary.plural(warnings, "warning") + ", "
                + Summary.plural(infos, "note") + " in " + counts;
    }
}
