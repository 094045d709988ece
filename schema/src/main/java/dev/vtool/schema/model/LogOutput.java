package dev.vtool.schema.model;

/** Where one log goes: the console (stdout), nowhere, or a file. */
public record LogOutput(Kind kind, String path) {
    public enum Kind { CONSOLE, NONE, FILE }

    public static final LogOutput CONSOLE = new LogOutput(Kind.CONSOLE, null);
    public static final LogOutput NONE = new LogOutput(Kind.NONE, null);

    public static LogOutput file(String path) {
        return new LogOutput(Kind.FILE, path);
    }
}
