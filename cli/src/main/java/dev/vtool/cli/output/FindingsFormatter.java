package dev.vtool.cli.output;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import java.io.PrintStream;
import java.util.List;

/** Writes a sorted list of findings in one output format. */
public interface FindingsFormatter {
    /**
     * @param findings  sorted findings of every input
     * @param inputs    how many inputs were checked (for the summary)
     * @param rules     the rules that could have fired (SARIF lists them)
     */
    void write(List<Finding> findings, int inputs, List<RuleInfo> rules, PrintStream out);
}
