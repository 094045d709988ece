package dev.vtool.schema.lint;

import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.validation.SchemaValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every semantic rule, in the order they run. Add a new rule class here. */
public final class RuleCatalog {
    private RuleCatalog() {
    }

    public static List<LintRule> semanticRules() {
        return List.of(
        );
    }

    /** Everything `vtool lint --rules` lists: reader checks, schema checks and semantic rules. */
    public static List<RuleInfo> allRuleInfos() {
        List<RuleInfo> all = new ArrayList<>(ConfigReader.RULES);
        all.addAll(SchemaValidator.RULES);
        all.addAll(semanticRules());
        return Collections.unmodifiableList(all);
    }
}
