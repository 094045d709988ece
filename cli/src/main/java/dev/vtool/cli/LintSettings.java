package dev.vtool.cli;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.lint.RuleCatalog;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.schema.suppress.ProjectSettings;
import dev.vtool.schema.suppress.ProjectSettings.SettingsException;
import dev.vtool.schema.suppress.Suppressions;
import dev.vtool.schema.text.DidYouMean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the user silenced for `vtool lint`: `--disable` on the command line plus the nearest .vtool.json of
 * each config's directory (stdin: the working directory), applied after the linter by {@link Suppressions}.
 */
final class LintSettings {
    /** Every rule lint can report, including the suppression check's own. */
    static List<RuleInfo> allRules() {
        List<RuleInfo> all = new ArrayList<>(RuleCatalog.allRuleInfos());
        all.addAll(Suppressions.RULES);
        return Collections.unmodifiableList(all);
    }

    private final Set<String> known;
    private final Set<String> cliDisabled;
    private final Map<Path, Suppressions> byDirectory = new HashMap<>();

    private LintSettings(Set<String> known, Set<String> cliDisabled) {
        this.known = known;
        this.cliDisabled = cliDisabled;
    }

    /** Checks the --disable ids; an unknown one is a usage error with a did-you-mean. */
    static LintSettings of(List<String> disable) throws SettingsException {
        Set<String> known = new HashSet<>();
        allRules().forEach(r -> known.add(r.id()));
        for (String id : disable) {
            if (!known.contains(id)) {
                throw new SettingsException("--disable " + id + ": no such rule." + DidYouMean.phrase(
                        DidYouMean.closest(id, known)) + " (vtool lint --rules lists them)");
            }
        }
        return new LintSettings(known, Set.copyOf(disable));
    }

    List<Finding> apply(SourceFile file, List<Finding> findings) throws SettingsException {
        Path dir = file.name().equals("<stdin>") ? Path.of("") : Path.of(file.name()).toAbsolutePath().getParent();
        Suppressions s = byDirectory.get(dir);
        if (s == null) {
            ProjectSettings project = ProjectSettings.findFrom(dir, known);
            Set<String> disabled = new HashSet<>(project.disabled());
            disabled.addAll(cliDisabled);
            s = new Suppressions(known, disabled, project.severity());
            byDirectory.put(dir, s);
        }
        return s.apply(file, findings);
    }
}
