package dev.vtool.schema.model;

/** The {@code log} section after V2Ray's defaults are applied. */
public record LogSettings(LogLevel level, LogOutput access, LogOutput error) {
    /** Without a {@code log} object: warning level, errors on the console, no access log. */
    public static final LogSettings DEFAULT = new LogSettings(LogLevel.WARNING, LogOutput.NONE, LogOutput.CONSOLE);
}
