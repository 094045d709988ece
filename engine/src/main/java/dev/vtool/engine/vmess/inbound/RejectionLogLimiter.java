package dev.vtool.engine.vmess.inbound;

/**
 * Rate limit for the log lines of rejected handshakes: a probe or garbage flood would otherwise write
 * two lines per connection. At most {@link #PER_SECOND} rejections are logged in each second; the
 * first one logged after a quiet spell reports how many were left out. Thread safe.
 */
public final class RejectionLogLimiter {
    static final int PER_SECOND = 20;

    private long windowStart = Long.MIN_VALUE;
    private int inWindow;
    private int suppressed;

    /**
     * @return -1 when this rejection must not be logged; otherwise how many earlier ones were left out
     *         (to be mentioned once)
     */
    public synchronized int admit(long nowNanos) {
        if (windowStart == Long.MIN_VALUE || nowNanos - windowStart >= 1_000_000_000L) {
            windowStart = nowNanos;
            inWindow = 0;
        }
        if (inWindow >= PER_SECOND) {
            suppressed++;
            return -1;
        }
        inWindow++;
        int left = suppressed;
        suppressed = 0;
        return left;
    }
}
