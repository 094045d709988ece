package dev.vtool.engine.vmess.legacy;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recently accepted (user, request key, request IV) triples. V2Ray keeps each for 3 minutes; we keep
 * it at least that long and also until the request's own timestamp has left the 120-second window,
 * so a handshake from a fast client clock cannot be replayed after the entry would have expired.
 */
public final class SessionHistory {
    public static final long RETENTION_SECONDS = 180;
    private static final long SWEEP_INTERVAL_SECONDS = 30;

    private final Map<ByteBuffer, Long> expiryBySession = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    /**
     * Records the triple; returns false when it is already present and not expired.
     *
     * @param requestTimestamp the header's timestamp (AuthID or legacy hash), seconds
     */
    public boolean addIfAbsent(byte[] userUuid, byte[] bodyKey, byte[] bodyIv, long requestTimestamp, long nowSeconds) {
        sweepIfDue(nowSeconds);
        ByteBuffer key = ByteBuffer.allocate(48).put(userUuid, 0, 16).put(bodyKey, 0, 16).put(bodyIv, 0, 16).flip();
        long expiry = Math.max(nowSeconds + RETENTION_SECONDS, requestTimestamp + 121);
        Long previous = expiryBySession.putIfAbsent(key, expiry);
        if (previous == null) {
            return true;
        }
        if (previous < nowSeconds) {
            expiryBySession.put(key, expiry);
            return true;
        }
        return false;
    }

    public int size() {
        return expiryBySession.size();
    }

    private void sweepIfDue(long now) {
        if (now - lastSweep < SWEEP_INTERVAL_SECONDS) {
            return;
        }
        lastSweep = now;
        for (Iterator<Long> it = expiryBySession.values().iterator(); it.hasNext();) {
            if (it.next() < now) {
                it.remove();
            }
        }
    }
}
