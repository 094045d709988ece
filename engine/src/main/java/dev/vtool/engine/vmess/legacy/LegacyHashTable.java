package dev.vtool.engine.vmess.legacy;

import dev.vtool.engine.vmess.VmessId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;

/**
 * The legacy server's table of expected user hashes: for every registered id (primary and
 * alternates), one HMAC per second in [now-120, now+120], refreshed every 10 s, each entry with a
 * taint fuse that burns when a request using it fails after matching (validator.go).
 *
 * @param <U> the user type stored with each hash
 */
public final class LegacyHashTable<U> {
    public static final long WINDOW_SECONDS = 120;
    public static final long REFRESH_SECONDS = 10;

    /** What a hash lookup returns. */
    public record Match<U>(U user, long timestamp) {
    }

    private record Entry<U>(U user, long timestamp, AtomicBoolean tainted) {
    }

    private final class Owner {
        final U user;
        final List<Mac> hashers = new ArrayList<>();
        long lastSecond;

        Owner(U user, List<VmessId> ids, long now) {
            this.user = user;
            for (VmessId id : ids) {
                hashers.add(LegacyAuth.userHasher(id.uuidUnsafe()));
            }
            this.lastSecond = now - WINDOW_SECONDS;
        }
    }

    private final Map<ByteBuffer, Entry<U>> entries = new ConcurrentHashMap<>();
    private final List<Owner> owners = new ArrayList<>();

    /** Registers a user's ids (primary first, then alternates) and fills its window around now. */
    public synchronized void add(U user, List<VmessId> ids, long nowSeconds) {
        Owner o = new Owner(user, ids, nowSeconds);
        owners.add(o);
        generate(o, nowSeconds);
    }

    /** Forgets every id of the users {@code which} selects (the API's RemoveUser). */
    public synchronized void remove(java.util.function.Predicate<U> which) {
        owners.removeIf(o -> which.test(o.user));
        entries.values().removeIf(e -> which.test(e.user()));
    }

    /** The 10-second refresh: extend every user's window and drop hashes older than now-120. */
    public synchronized void refresh(long nowSeconds) {
        for (Owner o : owners) {
            generate(o, nowSeconds);
        }
        long expire = nowSeconds - WINDOW_SECONDS;
        for (Iterator<Entry<U>> it = entries.values().iterator(); it.hasNext();) {
            if (it.next().timestamp() < expire) {
                it.remove();
            }
        }
    }

    private void generate(Owner o, long now) {
        long begin = Math.max(o.lastSecond, now - WINDOW_SECONDS);
        long end = now + WINDOW_SECONDS;
        for (Mac hasher : o.hashers) {
            for (long ts = begin; ts <= end; ts++) {
                entries.put(ByteBuffer.wrap(LegacyAuth.userHash(hasher, ts)), new Entry<>(o.user, ts, new AtomicBoolean()));
            }
        }
        o.lastSecond = end;
    }

    /** Null when the hash is unknown or expired. */
    public Match<U> lookup(byte[] hash) throws TaintedException {
        Entry<U> e = entries.get(ByteBuffer.wrap(hash));
        if (e == null) {
            return null;
        }
        if (e.tainted().get()) {
            throw new TaintedException();
        }
        return new Match<>(e.user(), e.timestamp());
    }

    /** Burns the fuse of a hash so it cannot authenticate again; false when unknown or already burnt. */
    public boolean taint(byte[] hash) {
        Entry<U> e = entries.get(ByteBuffer.wrap(hash));
        return e != null && e.tainted().compareAndSet(false, true);
    }

    public int size() {
        return entries.size();
    }

    /** A hash whose fuse has burnt (V2Ray's ErrTainted). */
    public static final class TaintedException extends Exception {
        private static final long serialVersionUID = 1L;

        public TaintedException() {
            super("ErrTainted");
        }
    }
}
