package dev.vtool.cli.output;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.text.Printable;
import java.io.PrintStream;
import java.util.List;

/** GitHub Actions workflow commands: {@code ::error file=F,line=L,col=C,title=T::message}. */
public final class GithubFormatter implements FindingsFormatter {

    @Override
    public void write(List<Finding> findings, int inputs, List<RuleInfo> rules, PrintStream out) {
        for (Finding f : findings) {
            String kind = f.severity() == Severity.ERROR ? "error" : f.severity() == Severity.WARNING ? "warning" : "notice";
            StringBuilder line = new StringBuilder("::").append(kind).append(' ');
            if (f.location() != null) {
                line.append("file=").append(property(f.location().fileName()))
                        .append(",line=").append(f.location().line())
                        .append(",col=").append(f.location().column()).append(',');
            }
            line.append("title=").append(property("vtool " + f.ruleId()));
            String text = f.fix() == null ? f.message() : f.message() + "\nfix: " + f.fix();
            line.append("::").append(data(text));
            out.println(line);
        }
    }

    /** Workflow-command data: %, CR and LF percent-encoded (the runner decodes them), other controls escaped. */
    private static String data(String s) {
        return Printable.escape(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
