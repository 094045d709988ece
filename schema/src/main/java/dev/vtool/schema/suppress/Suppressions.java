package dev.vtool.schema.suppress;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.schema.text.DidYouMean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last stage of lint: drops what the user silenced and applies their severities. In this order:
 * {@code vtool-disable...} comments in the file, rules disabled by the project's .vtool.json or by
 * {@code --disable}, then the project's severities. A comment that silences nothing (or names no rule)
 * becomes an {@link #UNUSED} warning at its position, so stale suppressions do not pile up.
 */
public final class Suppressions {
    public static final RuleInfo UNUSED = RuleInfo.of("unused-suppression", Severity.WARNING,
            "A vtool-disable comment that silences nothing (the finding is gone, or the rule id is wrong).");
    public static final List<RuleInfo> RULES = List.of(UNUSED);

    private final Set<String> knownRules;
    private final Set<String> disabled;
    private final Map<String, Optional<Severity>> severity;

    /**
     * @param knownRules every rule id lint can report (to check the ids in comments)
     * @param disabled   rules never reported (.vtool.json "disable" and --disable together)
     * @param severity   the project's severities; an empty Optional means off
     */
    public Suppressions(Collection<String> knownRules, Set<String> disabled, Map<String, Optional<Severity>> severity) {
        this.knownRules = Set.copyOf(knownRules);
        this.disabled = Set.copyOf(disabled);
        this.severity = Map.copyOf(severity);
    }

    public List<Finding> apply(SourceFile file, List<Finding> findings) {
        List<Directive> directives = DirectiveScanner.scan(file.text());
        Set<Directive> used = new HashSet<>();
        List<Finding> kept = new ArrayList<>();
        for (Finding f : findings) {
            Directive by = silencedBy(f, directives);
            if (by != null) {
                used.add(by);
            } else {
                kept.add(f);
            }
        }
        for (Directive d : directives) {
            Finding unused = unused(file, d, used.contains(d));
            if (unused != null) {
                kept.add(unused);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : kept) {
            if (disabled.contains(f.ruleId())) {
                continue;
            }
            Optional<Severity> s = severity.get(f.ruleId());
            if (s == null) {
                out.add(f);
            } else if (s.isPresent()) {
                out.add(new Finding(f.ruleId(), s.get(), f.location(), f.message(), f.fix(), f.related()));
            }
        }
        return out;
    }

    private static Directive silencedBy(Finding f, List<Directive> directives) {
        for (Directive d : directives) {
            boolean wholeFile = d.scope() == Directive.Scope.FILE;
            if ((wholeFile || f.location() != null) && d.covers(f.ruleId(), f.location() == null ? -1 : f.location().line())) {
                return d;
            }
        }
        return null;
    }

    /** The finding for a directive that names an unknown rule or silenced nothing; null when it did its job. */
    private Finding unused(SourceFile file, Directive d, boolean used) {
        Location at = new Location(file, d.line(), d.column());
        for (String r : d.rules()) {
            if (!knownRules.contains(r)) {
                return new Finding(UNUSED.id(), UNUSED.severity(), at, "\"" + d.spelled() + "\" names no rule \"" + r
                        + "\"." + DidYouMean.phrase(DidYouMean.closest(r, knownRules)),
                        "write a rule id as `vtool lint --rules` lists it");
            }
        }
        if (used || !d.rules().isEmpty() && disabled.containsAll(d.rules())) {
            return null;
        }
        String what = d.scope() == Directive.Scope.FILE ? "in this file"
                : d.scope() == Directive.Scope.LINE ? "on this line" : "on the next line";
        return new Finding(UNUSED.id(), UNUSED.severity(), at, "\"" + d.spelled() + "\" silences nothing: "
                + (d.rules().isEmpty() ? "no finding" : "no " + String.join(" or ", d.rules()) + " finding") + " " + what,
                "remove the comment");
    }
}
