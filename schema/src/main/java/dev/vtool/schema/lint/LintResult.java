package dev.vtool.schema.lint;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.source.SourceFile;
import java.util.List;

/** The findings for one input, sorted by position, and the document they were found in (may be null). */
public record LintResult(SourceFile file, ConfigDocument document, List<Finding> findings) {
    public LintResult {
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }
}
