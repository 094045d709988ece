package dev.vtool.schema.finding;

/** How bad a finding is. Only errors fail `vtool lint` (warnings too with --strict). */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
