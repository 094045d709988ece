package dev.vtool.schema.finding;

/** What `vtool lint --rules` lists: a stable id, a default severity and a one-line doc. */
public interface RuleInfo {
    String id();

    Severity severity();

    String doc();

    static RuleInfo of(String id, Severity severity, String doc) {
        record Simple(String id, Severity severity, String doc) implements RuleInfo {
        }
        return new Simple(id, severity, doc);
    }
}
