package dev.vtool.schema.diagnose;

import dev.vtool.schema.finding.Severity;
import java.util.Comparator;
import java.util.List;

/**
 * What diagnose found: one group per knowledge-base entry (most frequent first), the unrecognised
 * lines (most common shape first) and line counts.
 *
 * @param lines        every input line, blank and panic-dump lines included
 * @param routine      normal lines (start-up, listening, accepted connections) that need no diagnosis
 * @param unrecognised lines neither an entry nor a routine pattern recognised
 * @param cutLines     lines longer than the reader's cap, of which only the start was diagnosed
 */
public record DiagnosisReport(List<String> inputs, List<EntryGroup> groups, List<UnrecognisedGroup> unrecognisedGroups,
                              long lines, long matched, long routine, long unrecognised, long cutLines) {

    static final Comparator<EntryGroup> MOST_FREQUENT = Comparator.comparingLong(EntryGroup::count).reversed()
            .thenComparing(g -> g.entry().severity())
            .thenComparingInt(EntryGroup::order);
    static final Comparator<UnrecognisedGroup> MOST_COMMON = Comparator
            .comparingLong(UnrecognisedGroup::count).reversed().thenComparingInt(UnrecognisedGroup::order);

    public DiagnosisReport {
        inputs = List.copyOf(inputs);
        groups = groups.stream().sorted(MOST_FREQUENT).toList();
        unrecognisedGroups = unrecognisedGroups.stream().sorted(MOST_COMMON).toList();
    }

    /** True if any recognised entry is an error or a warning (info entries are normal events). */
    public boolean hasProblems() {
        return groups.stream().anyMatch(g -> g.entry().isProblem());
    }

    /** Number of groups (distinct entries) of a severity. */
    public int groupsOf(Severity severity) {
        return (int) groups.stream().filter(g -> g.entry().severity() == severity).count();
    }

    /** The group of an entry id, or null. */
    public EntryGroup group(String id) {
        return groups.stream().filter(g -> g.entry().id().equals(id)).findFirst().orElse(null);
    }
}
