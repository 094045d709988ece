package dev.vtool.schema.validation;

import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import java.util.List;

/** The rule ids the schema layer reports under; errors are exactly what V2Ray 4.34 refuses to load. */
public final class SchemaRules {
    private SchemaRules() {
    }

    public static final RuleInfo TYPE = RuleInfo.of("schema-type", Severity.ERROR,
            "A value has the wrong JSON type (e.g. \"alterId\": \"4\"); V2Ray refuses to load the config.");
    public static final RuleInfo RANGE = RuleInfo.of("schema-range", Severity.ERROR,
            "A number is outside the range V2Ray accepts (ports 0-65535, mKCP mtu 576-1460, ...).");
    public static final RuleInfo ENUM = RuleInfo.of("schema-enum", Severity.ERROR,
            "A value V2Ray checks is not one it knows (protocol, network, cipher, header type, ...).");
    public static final RuleInfo IGNORED_VALUE = RuleInfo.of("ignored-value", Severity.WARNING,
            "A value V2Ray does not know and silently replaces by its default (loglevel, domainStrategy, security, ...).");
    public static final RuleInfo VALUE_CASE = RuleInfo.of("value-case", Severity.WARNING,
            "A value written in another letter case than documented; V2Ray ignores case here, but write it as documented.");
    public static final RuleInfo REQUIRED = RuleInfo.of("schema-required", Severity.ERROR,
            "A key V2Ray needs is missing (protocol, rule type, vnext, password, ...).");
    public static final RuleInfo FORMAT = RuleInfo.of("schema-format", Severity.ERROR,
            "A string does not have the form V2Ray needs (UUID, port range, MTProto secret, fallback path, ...).");
    public static final RuleInfo EMPTY = RuleInfo.of("schema-empty", Severity.ERROR,
            "A value V2Ray needs is empty (API tag, server list, user list, password, ...).");
    public static final RuleInfo NOT_ALLOWED = RuleInfo.of("schema-not-allowed", Severity.ERROR,
            "A key or combination V2Ray rejects (e.g. VLESS \"fallback\" instead of \"fallbacks\").");
    public static final RuleInfo UNKNOWN_KEY = RuleInfo.of("unknown-key", Severity.WARNING,
            "A key V2Ray 4.34 does not know; it is silently ignored (often a typo or a newer version's feature).");
    public static final RuleInfo KEY_CASE = RuleInfo.of("key-case", Severity.WARNING,
            "A key written in another letter case (\"Port\"); V2Ray matches keys case-insensitively (a warning), except"
                    + " \"type\" in transport headers and blackhole responses (an error).");
    public static final RuleInfo NULL_VALUE = RuleInfo.of("null-value", Severity.WARNING,
            "A key set to null; V2Ray treats it as if the key were absent.");

    public static final RuleInfo LIMIT = RuleInfo.of("schema-limit", Severity.INFO,
            "The file has so many schema problems that the check kept only the first 10,000 of them.");

    public static final List<RuleInfo> ALL = List.of(TYPE, RANGE, ENUM, IGNORED_VALUE, VALUE_CASE, REQUIRED, FORMAT,
            EMPTY, NOT_ALLOWED, UNKNOWN_KEY, KEY_CASE, NULL_VALUE, LIMIT);
}
