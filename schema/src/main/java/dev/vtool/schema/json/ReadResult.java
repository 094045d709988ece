package dev.vtool.schema.json;

import dev.vtool.schema.finding.Finding;
import java.util.List;

/**
 * What the reader made of one input: the document (null when the text is not JSON at all) and what
 * it noticed on the way (syntax error, BOM, duplicate keys).
 */
public record ReadResult(ConfigDocument document, List<Finding> findings) {
    public ReadResult {
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return document != null;
    }
}
