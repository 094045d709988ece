package dev.vtool.engine;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code policy.limits.maxConnections} and {@code maxConnectionsPerSource}: counts open accepted TCP
 * connections over all inbounds and per client IP. V2Ray has no such cap (docs/spec/security.md 1.5). Thread safe.
 */
final class ConnectionLimiter {
    private final int max;
    private final int maxPerSource;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Integer> bySource = new ConcurrentHashMap<>();

    ConnectionLimiter(int max, int maxPerSource) {
        this.max = max;
        this.maxPerSource = maxPerSource;
    }

    /** Takes a slot; null when admitted, else the name of the limit that refused it. Pair with {@link #release}. */
    String acquire(InetAddress source) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return "maxConnections";
        }
        boolean[] over = new boolean[1];
        bySource.compute(source, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= maxPerSource) {
                over[0] = true;
                return n;
            }
            return now + 1;
        });
        if (over[0]) {
            open.decrementAndGet();
            return "maxConnectionsPerSource";
        }
        return null;
    }

    void release(InetAddress source) {
        open.decrementAndGet();
        bySource.computeIfPresent(source, (k, n) -> n <= 1 ? null : n - 1);
    }

    int open() {
        return open.get();
    }
}
