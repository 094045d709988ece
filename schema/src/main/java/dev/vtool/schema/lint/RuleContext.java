package dev.vtool.schema.lint;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import java.util.List;
import java.util.function.Consumer;

/** How a rule reports: by JSON Pointer, so the finding lands on the exact token. */
public final class RuleContext {
    private final ConfigDocument doc;
    private final RuleInfo rule;
    private final Consumer<Finding> sink;

    public RuleContext(ConfigDocument doc, RuleInfo rule, Consumer<Finding> sink) {
        this.doc = doc;
        this.rule = rule;
        this.sink = sink;
    }

    /** Reports at the value the pointer names (or its nearest present ancestor). */
    public void report(String pointer, String message, String fix) {
        report(rule.severity(), doc.locate(pointer), message, fix, List.of());
    }

    /** Reports at the key of the member the pointer names. */
    public void reportKey(String pointer, String message, String fix) {
        report(rule.severity(), doc.locateKey(pointer), message, fix, List.of());
    }

    public void report(Severity severity, String pointer, String message, String fix) {
        report(severity, doc.locate(pointer), message, fix, List.of());
    }

    public void report(Severity severity, Location at, String message, String fix, List<Location> related) {
        sink.accept(new Finding(rule.id(), severity, at, message, fix, related));
    }

    public ConfigDocument document() {
        return doc;
    }
}
