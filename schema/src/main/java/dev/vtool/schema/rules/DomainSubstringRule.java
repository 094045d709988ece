package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.List;

/** A bare domain in a routing rule is a substring match, not "this domain and its subdomains". */
public final class DomainSubstringRule extends SimpleRule {
    public DomainSubstringRule() {
        super("domain-substring", Severity.INFO,
                "A routing domain without a prefix is a substring match (\"google.com\" also matches \"notgoogle.com.evil\").");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Routing.Rule rule : Routing.rules(doc)) {
            for (String key : List.of("domain", "domains")) {
                for (Keys.Item item : Keys.stringList(rule.get(key), rule.ptr(key))) {
                    String d = item.value();
                    if (d.contains(":") || !d.contains(".") || d.startsWith(".")) {
                        continue; // prefixed forms; dot-less keywords are meant as substrings
                    }
                    ctx.report(item.pointer(), "\"" + d + "\" has no prefix, so V2Ray matches it as a substring: it also matches \"x"
                                    + d + "\" and \"" + d + ".example\"",
                            "write \"domain:" + d + "\" (the domain and its subdomains) or \"full:" + d + "\" (exactly this name)");
                }
            }
        }
    }
}
