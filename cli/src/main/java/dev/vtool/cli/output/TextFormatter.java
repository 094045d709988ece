package dev.vtool.cli.output;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import java.io.PrintStream;
import java.util.List;

/**
 * For people: {@code file:line:col: severity: message [rule-id]}, the source line with a caret under
 * the column, and the fix on the next line.
 */
public final class TextFormatter implements FindingsFormatter {
    private final Ansi ansi;

    public TextFormatter(boolean color) {
        this.ansi = new Ansi(color);
    }

    @Override
    public void write(List<Finding> findings, int inputs, List<RuleInfo> rules, PrintStream out) {
        writeFindingsOnly(findings, out);
        Summary s = Summary.of(findings);
        out.println(s.errors() + s.warnings() + s.infos() == 0
                ? ansi.green("no problems found") + " in " + Summary.plural(inputs, "file")
                : s.describe(inputs));
    }

    /** The findings without the closing summary line (for --quiet). */
    public void writeFindingsOnly(List<Finding> findings, PrintStream out) {
        for (Finding f : findings) {
            out.println(headline(f));
            Location at = f.location();
            if (at != null) {
                snippet(at, out);
            }
            for (Location other : f.related()) {
                out.println("  " + ansi.dim("see also " + other));
                snippet(other, out);
            }
            if (f.fix() != null) {
                out.println("  " + ansi.green("fix:") + " " + f.fix());
            }
        }
    }

    private String headline(Finding f) {
        String where = f.location() == null ? "" : ansi.bold(f.location().toString()) + ": ";
        String sev = f.severity().label();
        String coloured = f.severity() == Severity.ERROR ? ansi.red(sev)
                : f.severity() == Severity.WARNING ? ansi.yellow(sev) : ansi.cyan(sev);
        return where + coloured + ": " + f.message() + " " + ansi.dim("[" + f.ruleId() + "]");
    }

    private void snippet(Location at, PrintStream out) {
        String line = at.file().line(at.line());
        if (line.isEmpty() && at.file().lineCount() < at.line()) {
            return;
        }
        String number = String.valueOf(at.line());
        String gutter = " ".repeat(number.length());
        String shown = line.replace('\t', ' ');
        out.println("  " + ansi.dim(number + " |") + " " + shown);
        int col = Math.max(1, Math.min(at.column(), shown.length() + 1));
        out.println("  " + ansi.dim(gutter + " |") + " " + " ".repeat(col - 1) + ansi.red("^"));
    }
}
