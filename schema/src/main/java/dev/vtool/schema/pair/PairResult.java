package dev.vtool.schema.pair;

import dev.vtool.schema.finding.Finding;
import java.util.List;

/** Findings about a client/server pair plus every pairing that was checked. */
public record PairResult(List<Finding> findings, List<PairMatch> matches) {
    public PairResult {
        findings = List.copyOf(findings);
        matches = List.copyOf(matches);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }
}
