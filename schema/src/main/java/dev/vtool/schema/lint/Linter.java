package dev.vtool.schema.lint;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.schema.validation.SchemaValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lint pipeline in one place: commented JSON → JSON Schema of V2Ray 4.34 → semantic rules.
 * Every stage runs on whatever the previous one could read, so one pass reports everything at once.
 */
public final class Linter {
    private final ConfigReader reader = new ConfigReader();
    private final SchemaValidator schema = SchemaValidator.shared();
    private final List<LintRule> rules;

    public Linter() {
        this(RuleCatalog.semanticRules());
    }

    public Linter(List<LintRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Lints one input; the result holds the parsed document too (null when the text is not JSON). */
    public LintResult lint(SourceFile file) {
        ReadResult read = reader.read(file);
        List<Finding> findings = new ArrayList<>(read.findings());
        ConfigDocument doc = read.document();
        if (doc != null) {
            List<Finding> fromRules = new ArrayList<>();
            for (LintRule rule : rules) {
                try {
                    rule.check(doc, new RuleContext(doc, rule, fromRules::add));
                } catch (RuntimeException e) {
                    // A rule must never take the whole lint down; say which one failed instead.
                    fromRules.add(new Finding("internal", dev.vtool.schema.finding.Severity.WARNING,
                            doc.locate(""), "rule " + rule.id() + " failed: " + e, "please report this as a vtool bug"));
                }
            }
            // Where a rule speaks about a spot (with a better message, e.g. did-you-mean), the generic
            // schema message for that same spot is noise.
            Set<String> ruleSpots = new HashSet<>();
            for (Finding f : fromRules) {
                if (f.location() != null) {
                    ruleSpots.add(f.location().toString() + f.severity());
                }
            }
            for (Finding f : schema.validate(doc)) {
                if (f.location() == null || !ruleSpots.contains(f.location().toString() + f.severity())) {
                    findings.add(f);
                }
            }
            findings.addAll(fromRules);
        }
        findings.sort(Finding.BY_POSITION);
        return new LintResult(file, doc, FindingCap.apply(findings));
    }
}
