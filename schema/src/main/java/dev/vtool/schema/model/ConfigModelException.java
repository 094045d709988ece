package dev.vtool.schema.model;

import dev.vtool.schema.finding.Location;

/** A configuration that {@code vtool run} cannot run, with the place in the file that says so. */
public final class ConfigModelException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Location location;

    public ConfigModelException(Location location, String message) {
        super(message);
        this.location = location;
    }

    public Location location() {
        return location;
    }

    /** {@code file:line:col: message}, the way every vtool command prints a problem. */
    public String describe() {
        return location == null ? getMessage()
                : location.fileName() + ":" + location.line() + ":" + location.column() + ": " + getMessage();
    }
}
