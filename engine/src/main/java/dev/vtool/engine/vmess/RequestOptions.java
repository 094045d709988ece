package dev.vtool.engine.vmess;

/** Option bits of request byte 34 as 4.34 defines them (no AuthenticatedLength in 4.34). */
public final class RequestOptions {
    public static final int CHUNK_STREAM = 0x01;
    /** Defined, never set by 4.34 and ignored. */
    public static final int CONNECTION_REUSE = 0x02;
    public static final int CHUNK_MASKING = 0x04;
    public static final int GLOBAL_PADDING = 0x08;

    private RequestOptions() {
    }

    public static boolean has(int options, int bit) {
        return (options & bit) != 0;
    }

    /**
     * GlobalPadding draws from the masking stream, so it is meaningless without ChunkMasking
     * (a 4.34 server panics on it; we refuse it cleanly).
     */
    public static void check(int options) throws VmessException {
        if (has(options, GLOBAL_PADDING) && !has(options, CHUNK_MASKING)) {
            throw new VmessException(String.format("invalid request options 0x%02x: GlobalPadding without ChunkMasking", options));
        }
    }
}
