package dev.vtool.schema.lint;

import dev.vtool.schema.finding.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a flood readable: at most {@link #PER_RULE} findings of one rule in one file, then one finding that
 * says how many more there are (same rule and severity, so exit codes and counts by severity still hold).
 * A generated config can otherwise produce a million copies of the same warning.
 */
final class FindingCap {
    static final int PER_RULE = 100;

    private FindingCap() {
    }

    /** {@code sorted} (one file's findings, by position) with each rule's excess replaced by one summary. */
    static List<Finding> apply(List<Finding> sorted) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Finding> firstLeftOut = new LinkedHashMap<>();
        List<Finding> kept = new ArrayList<>();
        for (Finding f : sorted) {
            int n = counts.merge(f.ruleId(), 1, Integer::sum);
            if (n <= PER_RULE) {
                kept.add(f);
            } else {
                firstLeftOut.putIfAbsent(f.ruleId(), f);
            }
        }
        if (firstLeftOut.isEmpty()) {
            return sorted;
        }
        for (Finding f : firstLeftOut.values()) {
            int more = counts.get(f.ruleId()) - PER_RULE;
            kept.add(new Finding(f.ruleId(), f.severity(), f.location(),
                    "and " + more + " more " + f.ruleId() + " finding" + (more == 1 ? "" : "s")
                            + " in this file from here on, not shown (the first " + PER_RULE + " are above)",
                    "fix the ones shown, then lint again"));
        }
        kept.sort(Finding.BY_POSITION);
        return kept;
    }
}
