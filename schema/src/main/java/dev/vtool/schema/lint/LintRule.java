package dev.vtool.schema.lint;

import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.json.ConfigDocument;

/**
 * A semantic check over one parsed config. Each rule is one small class with a stable id, a default
 * severity and a one-line doc, and reports through the context so findings carry positions.
 */
public interface LintRule extends RuleInfo {
    void check(ConfigDocument doc, RuleContext ctx);
}
