package dev.vtool.engine.vmess.aead;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every accepted AuthID until its own timestamp has left the acceptance window
 * ({@code ts + 120 s}), so a replay is refused for as long as it could otherwise be accepted.
 * V2Ray's rotating cuckoo filters forget after 120..240 s and let a future-stamped handshake be
 * replayed (docs/spec/security.md 1.2); this exact set does not, and has no false positives. Only AuthIDs that
 * already decrypted with a user's key reach it, so its size is bounded by real handshakes.
 */
public final class AuthIdReplayFilter {
    private static final int SWEEP_EVERY = 1024;

    private final Map<ByteBuffer, Long> expiryBySeen = new ConcurrentHashMap<>();
    private int sinceSweep;

    /**
     * Records the AuthID; returns false when it was already seen and has not expired (a replay).
     *
     * @param timestamp the AuthID's decrypted timestamp
     * @param nowSeconds current time
     */
    public boolean checkAndRemember(byte[] authId, long timestamp, long nowSeconds) {
        sweepSometimes(nowSeconds);
        long expiry = Math.max(timestamp, nowSeconds) + AuthId.WINDOW_SECONDS + 1;
        ByteBuffer key = ByteBuffer.wrap(authId.clone());
        Long previous = expiryBySeen.putIfAbsent(key, expiry);
        if (previous == null) {
            return true;
        }
        if (previous < nowSeconds) {
            expiryBySeen.put(key, expiry);
            return true;
        }
        return false;
    }

    public int size() {
        return expiryBySeen.size();
    }

    /** Drops entries whose AuthID can no longer pass the time check. */
    public void sweep(long nowSeconds) {
        for (Iterator<Map.Entry<ByteBuffer, Long>> it = expiryBySeen.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue() < nowSeconds) {
                it.remove();
            }
        }
    }

    private void sweepSometimes(long nowSeconds) {
        boolean due;
        synchronized (this) {
            due = ++sinceSweep >= SWEEP_EVERY;
            if (due) {
                sinceSweep = 0;
            }
        }
        if (due) {
            sweep(nowSeconds);
        }
    }
}
