package dev.vtool.cli.output;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.text.Printable;
import dev.vtool.schema.text.SnippetWindow;
import java.io.PrintStream;
import java.util.List;

/**
 * For people: {@code file:line:col: severity: message [rule-id]}, the source line (a bounded window of it
 * when it is long) with a caret under the column, and the fix on the next line. Everything that comes from
 * the input is escaped ({@link Printable}).
 */
public final class TextFormatter implements FindingsFormatter {
    private final Ansi ansi;

    public TextFormatter(boolean color) {
        this.ansi = new Ansi(color);
    }

    @Override
    public void write(List<Finding> findings, int inputs, List<RuleInfo> rules, PrintStream out) {
        write(findings, inputs, 0, out);
    }

    /** The findings and a summary that also counts the inputs that could not be read (named on stderr). */
    public void write(List<Finding> findings, int inputs, int unreadable, PrintStream out) {
        writeFindingsOnly(findings, out);
        Summary s = Summary.of(findings);
        String notRead = unreadable == 0 ? ""
                : "; " + Summary.plural(unreadable, "file") + " could not be read (see above)";
        if (s.errors() + s.warnings() + s.infos() == 0) {
            out.println((inputs == 0 && unreadable > 0 ? "nothing linted" : ansi.green("no problems found")
                    + " in " + Summary.plural(inputs, "file")) + notRead);
        } else {
            out.println(s.describe(inputs) + notRead);
        }
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
                out.println("  " + ansi.dim("see also " + Printable.escape(other.toString())));
                snippet(other, out);
            }
            if (f.fix() != null) {
                out.println("  " + ansi.green("fix:") + " " + Printable.escape(f.fix()));
            }
        }
    }

    private String headline(Finding f) {
        String where = f.location() == null ? "" : ansi.bold(Printable.escape(f.location().toString())) + ": ";
        String sev = f.severity().label();
        String coloured = f.severity() == Severity.ERROR ? ansi.red(sev)
                : f.severity() == Severity.WARNING ? ansi.yellow(sev) : ansi.cyan(sev);
        return where + coloured + ": " + Printable.escape(f.message()) + " " + ansi.dim("[" + f.ruleId() + "]");
    }

    private void snippet(Location at, PrintStream out) {
        SnippetWindow window = SnippetWindow.of(at.file(), at.line(), at.column());
        if (window == null) {
            return;
        }
        String number = String.valueOf(at.line());
        String gutter = " ".repeat(number.length());
        out.println("  " + ansi.dim(number + " |") + " " + window.text());
        out.println("  " + ansi.dim(gutter + " |") + " " + " ".repeat(window.caret()) + ansi.red("^"));
    }
}
