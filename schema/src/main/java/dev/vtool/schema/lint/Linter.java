package dev.vtool.schema.lint;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.merge.ConfigMerger;
import dev.vtool.schema.merge.MergeResult;
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
    private final ConfigMerger merger = new ConfigMerger();
    private final SchemaValidator schema = SchemaValidator.shared();
    private final List<LintRule> rules;

    public Linter() {
        this(RuleCatalog.semanticRules());
    }

    public Linter(List<LintRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Lints one input; the result holds the parsed document too (null when the text is not JSON), with
     * the deprecated 4.x layout already remapped to the modern one.
     */
    public LintResult lint(SourceFile file) {
        return lint(List.of(file));
    }

    /**
     * Lints several files as the one config V2Ray 4.34 makes of them (the first is the base; see
     * {@link ConfigMerger}); each finding points at the file and line its value came from. When a file
     * cannot be read as a config, only the reading findings are reported: checking the rest as if it
     * were the whole config would report tags of the unread file as unknown.
     */
    public LintResult lint(List<SourceFile> files) {
        List<Finding> findings = new ArrayList<>();
        List<ConfigDocument> docs = new ArrayList<>();
        for (SourceFile file : files) {
            ReadResult read = reader.read(file);
            findings.addAll(read.findings());
            if (read.document() != null) {
                docs.add(read.document());
            }
        }
        ConfigDocument doc = null;
        if (docs.size() == files.size() && !docs.isEmpty()) {
            MergeResult merged = merger.merge(docs);
            findings.addAll(merged.findings());
            doc = merged.document();
            check(doc, findings);
        }
        findings.sort(Finding.BY_POSITION);
        return new LintResult(files.isEmpty() ? null : files.get(0), doc, FindingCap.apply(findings));
    }

    private void check(ConfigDocument doc, List<Finding> findings) {
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
}
