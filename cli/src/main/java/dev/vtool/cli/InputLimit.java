package dev.vtool.cli;

/**
 * The largest config vtool reads. V2Ray 4.34 has no limit of its own (it reads a whole file or stdin into
 * memory), so the bound comes from vtool's heap: a parsed config needs a few times its size in tree and
 * positions, so a file larger than a fifth of the heap is refused with one clear line up front instead of
 * running out of memory half-way. {@code VTOOL_JAVA_OPTS=-Xmx...} raises both.
 */
final class InputLimit {
    private InputLimit() {
    }

    static long maxBytes() {
        String override = System.getProperty("vtool.maxInputBytes");
        if (override != null) {
            return Long.parseLong(override);
        }
        return Runtime.getRuntime().maxMemory() / 5;
    }

    static String tooLarge(String name, long size) {
        return name + ": " + mb(size) + " is larger than vtool reads with its current heap (" + mb(maxBytes())
                + " at most, a fifth of the " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB heap); V2Ray has no such limit: give vtool a larger heap, e.g. VTOOL_JAVA_OPTS=-Xmx"
                + Math.max(512, ((size * 8 >> 20) / 256 + 1) * 256) + "m";
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
