package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.lint.LintRule;

/** Holds the id, default severity and doc every rule declares, so rule classes only hold their check. */
abstract class SimpleRule implements LintRule {
    private final String id;
    private final Severity severity;
    private final String doc;

    SimpleRule(String id, Severity severity, String doc) {
        this.id = id;
        this.severity = severity;
        this.doc = doc;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final String doc() {
        return doc;
    }
}
