package dev.vtool.engine.dns;

import java.net.UnknownHostException;

/**
 * Why a lookup found no address. The kind decides 4.34's fall-back: only a timeout and an expectIPs
 * mismatch let the next server try; an error code or an empty answer ends the lookup.
 */
public final class DnsFailure extends UnknownHostException {
    public enum Kind { TIMEOUT, EXPECT_MISMATCH, RCODE, EMPTY, OTHER }

    private final Kind kind;
    private final int rcode;

    public DnsFailure(Kind kind, int rcode, String message) {
        super(message);
        this.kind = kind;
        this.rcode = rcode;
    }

    public static DnsFailure timeout() {
        return new DnsFailure(Kind.TIMEOUT, 0, "context deadline exceeded");
    }

    public static DnsFailure empty() {
        return new DnsFailure(Kind.EMPTY, 0, "empty response");
    }

    public static DnsFailure rcode(int rcode) {
        return new DnsFailure(Kind.RCODE, rcode, "rcode " + rcode);
    }

    public Kind kind() {
        return kind;
    }

    /** The DNS response code a DNS outbound answers with (0 unless {@link Kind#RCODE}). */
    public int rcode() {
        return rcode;
    }

    /** Whether 4.34 tries the next server after this failure. */
    public boolean fallsBack() {
        return kind == Kind.TIMEOUT || kind == Kind.EXPECT_MISMATCH;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected outcome, not a bug: no stack trace to collect
    }
}
