package dev.vtool.cli;

/** Exit codes scripts can rely on (documented in the README). */
public final class ExitCodes {
    /** Nothing wrong found. */
    public static final int OK = 0;
    /** Errors found (or warnings, with --strict). */
    public static final int FINDINGS = 1;
    /** Bad usage, or an input that cannot be read. */
    public static final int USAGE_OR_IO = 2;
    /** vtool itself failed; a bug. */
    public static final int INTERNAL = 3;
    /** What `v2ray -test` and `v2ray run` return for a config they refuse (kept for drop-in use). */
    public static final int V2RAY_CONFIG_ERROR = 23;

    private ExitCodes() {
    }
}
