package dev.vtool.cli.output;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import java.util.List;

/** Counts per severity. */
public record Summary(int errors, int warnings, int infos) {
    public static Summary of(List<Finding> findings) {
        int e = 0;
        int w = 0;
        int i = 0;
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                e++;
            } else if (f.severity() == Severity.WARNING) {
                w++;
            } else {
                i++;
            }
        }
        return new Summary(e, w, i);
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    public String describe(int inputs) {
        return plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + plural(infos, "note")
                + " in " + plural(inputs, "file");
    }
}
