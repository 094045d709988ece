package dev.vtool.schema.merge;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import java.util.List;

/** One config document made from one or more files, and what the merge noticed (deprecated layout). */
public record MergeResult(ConfigDocument document, List<Finding> findings) {
    public MergeResult {
        findings = List.copyOf(findings);
    }
}
