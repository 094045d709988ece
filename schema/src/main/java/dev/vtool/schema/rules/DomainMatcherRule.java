package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Domain matchers 4.34 refuses: an empty {@code domain:}/{@code full:}/{@code keyword:}/{@code regexp:}/
 * {@code geosite:} value, a malformed {@code ext:}, a dotted {@code dotless:}, or a regexp Go cannot compile,
 * in routing rules, DNS servers' {@code domains} and {@code dns.hosts} keys.
 */
public final class DomainMatcherRule extends SimpleRule {
    public DomainMatcherRule() {
        super("domain-matcher", Severity.ERROR,
                "A routing/DNS domain matcher 4.34 refuses: empty after its prefix, bad ext:/dotless:, or a regexp Go's RE2 rejects.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Routing.Rule rule : Routing.rules(doc)) {
            for (String key : List.of("domain", "domains")) {
                for (Keys.Item item : Keys.stringList(rule.get(key), rule.ptr(key))) {
                    String problem = DomainMatcher.problem(item.value(), DomainMatcher.Site.ROUTING_OR_DNS_SERVER);
                    if (problem != null) {
                        ctx.report(item.pointer(), describe(item.value(), DomainMatcher.isRegexpError(problem)
                                ? "failed to build domain condition > failed to create domain matcher > " + problem
                                : "invalid field rule > failed to parse domain rule: " + item.value() + " > " + problem), fix(problem));
                    }
                }
            }
        }
        DnsServers.forEach(doc, (ptr, server) -> {
            JsonNode domains = Keys.get(server, "domains");
            if (!domains.isArray()) {
                return;
            }
            String base = Keys.ptr(ptr, server, "domains");
            for (int i = 0; i < domains.size(); i++) {
                if (!domains.get(i).isString()) {
                    continue;
                }
                String value = domains.get(i).stringValue();
                String problem = DomainMatcher.problem(value, DomainMatcher.Site.ROUTING_OR_DNS_SERVER);
                if (problem != null) {
                    ctx.report(JsonPointers.child(base, i), describe(value, DomainMatcher.isRegexpError(problem)
                            ? "failed to create prioritized domain > failed to create str matcher > " + problem
                            : "failed to build nameserver > invalid domain rule: " + value + " > " + problem), fix(problem));
                }
            }
        });
        JsonNode dns = Keys.get(doc.root(), "dns");
        JsonNode hosts = Keys.get(dns, "hosts");
        if (hosts.isObject()) {
            String hostsPtr = Keys.ptr(Keys.ptr("", doc.root(), "dns"), dns, "hosts");
            for (String key : hosts.propertyNames()) {
                String problem = DomainMatcher.problem(key, DomainMatcher.Site.DNS_HOSTS);
                if (problem != null) {
                    ctx.reportKey(JsonPointers.child(hostsPtr, key), describe(key, DomainMatcher.isRegexpError(problem)
                            ? "failed to create hosts > failed to create domain matcher > " + problem
                            : "failed to parse DNS config > " + problem), fix(problem));
                }
            }
        }
    }

    private static String describe(String value, String v2rayWords) {
        return "domain matcher \"" + value + "\" is not valid; V2Ray fails with \"" + v2rayWords + "\"";
    }

    private static String fix(String problem) {
        if (DomainMatcher.isRegexpError(problem)) {
            return "write the pattern in Go's RE2 syntax: no look-around, back-references or possessive quantifiers; "
                    + "named groups as (?P<name>...)";
        }
        if (problem.startsWith("invalid external resource")) {
            return "write \"ext:FILE.dat:LIST\" (exactly one colon after the file name)";
        }
        if (problem.startsWith("substr in dotless")) {
            return "dotless: matches names without a dot; use \"keyword:\" or \"domain:\" for dotted names";
        }
        return "put the value after the prefix (e.g. \"domain:example.com\"), or remove the entry";
    }
}
