package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * IP matchers 4.34 refuses, in routing {@code ip}/{@code source} and DNS servers' {@code expectIps}: a domain
 * or empty text where an IP belongs, a prefix length that is not a number or exceeds 32/128, an empty
 * {@code geoip:} country, a malformed {@code ext:}.
 */
public final class IpMatcherRule extends SimpleRule {
    public IpMatcherRule() {
        super("ip-matcher", Severity.ERROR,
                "A routing/DNS IP matcher 4.34 refuses: not an IP, a bad or too long CIDR prefix, an empty geoip:, a bad ext:.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Routing.Rule rule : Routing.rules(doc)) {
            for (String key : List.of("ip", "source")) {
                for (Keys.Item item : Keys.stringList(rule.get(key), rule.ptr(key))) {
                    String problem = IpMatcher.problem(item.value());
                    if (problem != null) {
                        ctx.report(item.pointer(), describe(item.value(), "invalid field rule > " + problem), fix(item.value()));
                    }
                }
            }
        }
        DnsServers.forEach(doc, (ptr, server) -> {
            String key = Keys.name(server, "expectIps");
            if (key == null) {
                return;
            }
            JsonNode list = Keys.get(server, key);
            for (Keys.Item item : Keys.stringList(list, Keys.ptr(ptr, server, key))) {
                String problem = IpMatcher.problem(item.value());
                if (problem != null) {
                    ctx.report(item.pointer(), describe(item.value(), "failed to build nameserver > invalid IP rule: "
                            + goList(list) + " > " + problem), fix(item.value()));
                }
            }
        });
    }

    private static String describe(String value, String v2rayWords) {
        return "IP matcher \"" + value + "\" is not valid; V2Ray fails with \"" + v2rayWords + "\"";
    }

    private static String fix(String value) {
        if (value.startsWith("geoip:") || value.startsWith("ext")) {
            return "write \"geoip:CC\" (a country code such as \"geoip:private\") or \"ext:FILE.dat:CC\"";
        }
        return value.contains("/") ? "write an IP with a prefix length of 0-32 (IPv4) or 0-128 (IPv6), e.g. \"10.0.0.0/8\""
                : "write an IP address or CIDR such as \"192.168.0.0/16\"; domains belong in \"domain\"";
    }

    /** How Go prints a []string: [a b c]. */
    private static String goList(JsonNode list) {
        return Keys.stringList(list, "").stream().map(Keys.Item::value)
                .collect(java.util.stream.Collectors.joining(" ", "[", "]"));
    }
}
