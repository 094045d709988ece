package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.lint.RuleCatalog;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {
    @Test
    void everyRuleHasAUniqueKebabCaseIdASeverityAndADoc() {
        List<LintRule> rules = RuleCatalog.semanticRules();
        assertTrue(rules.size() >= 30, "rules: " + rules.size());
        Set<String> ids = new HashSet<>();
        for (RuleInfo all : RuleCatalog.allRuleInfos()) {
            assertTrue(ids.add(all.id()), "duplicate rule id " + all.id());
        }
        for (LintRule r : rules) {
            assertTrue(r.id().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), "not kebab-case: " + r.id());
            assertNotNull(r.severity(), r.id());
            assertNotNull(r.doc(), r.id());
            assertFalse(r.doc().isBlank(), r.id());
            assertFalse(r.doc().contains("\n"), "doc must be one line: " + r.id());
            assertTrue(r.doc().length() <= 140, "doc too long for --rules: " + r.id());
        }
    }

    @Test
    void everyRuleClassOfThePackageIsRegistered() throws Exception {
        Set<String> registered = new HashSet<>();
        RuleCatalog.semanticRules().forEach(r -> registered.add(r.getClass().getSimpleName()));
        java.nio.file.Path classes = java.nio.file.Path.of(UnknownProtocolRule.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).resolve("dev/vtool/schema/rules");
        Set<String> inPackage = new HashSet<>();
        try (var files = java.nio.file.Files.list(classes)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("Rule.class") && !n.contains("$") && !n.equals("SimpleRule.class"))
                    .forEach(n -> inPackage.add(n.substring(0, n.length() - ".class".length())));
        }
        assertEquals(inPackage, registered, "rule classes and RuleCatalog.semanticRules() differ");
    }
}
