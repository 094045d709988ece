package dev.vtool.schema.model;

/** V2Ray's log severities, most verbose first; {@code NONE} switches both logs off. */
public enum LogLevel {
    DEBUG("Debug"), INFO("Info"), WARNING("Warning"), ERROR("Error"), NONE("None");

    private final String label;

    LogLevel(String label) {
        this.label = label;
    }

    /** The word V2Ray prints between brackets, e.g. {@code [Warning]}. */
    public String label() {
        return label;
    }

    /** Whether a message of {@code severity} is written when this is the configured level. */
    public boolean admits(LogLevel severity) {
        return this != NONE && severity != NONE && severity.ordinal() >= ordinal();
    }
}
