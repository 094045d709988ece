package dev.vtool.engine.vmess.encoding;

import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.aead.AuthId;
import dev.vtool.engine.vmess.aead.AuthIdReplayFilter;
import dev.vtool.engine.vmess.legacy.AlternateIds;
import dev.vtool.engine.vmess.legacy.LegacyHashTable;
import dev.vtool.schema.text.V2rayMessages;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server's users and everything that authenticates the first 16 bytes of a connection: the AEAD
 * AuthID decryptors (every user), the replay filter, the legacy hash table (only users with
 * alterId > 0; 4.34 would accept legacy from every user, which docs/spec/security.md 1.1 rules out) and the
 * behaviour seed behind the drain budget. Thread safe.
 */
public final class UserValidator {
    /** One user with its AuthID decryptor (guarded by itself). */
    private record Entry(KeyedUser user, AuthId.Decoder decoder) {
    }

    /** A matched AEAD AuthID. */
    public record AeadMatch(KeyedUser user, long timestamp) {
    }

    /** Every user in configuration order; with the email index, guarded by this. */
    private final Set<Entry> users = new LinkedHashSet<>();
    /** The users by {@link #emailKey} (4.34 compares emails case-insensitively; several may share one). */
    private final Map<String, List<Entry>> byEmail = new HashMap<>();
    /**
     * The same entries in the order AEAD lookups try them: the most recently matched user first. A
     * lookup cannot index an AuthID (it is encrypted with each user's own key), so it tries users one
     * by one; a server's traffic mostly comes from the users who connected last, and those are found
     * after a few tries instead of half the list. Copy-on-write: a lookup iterates the array it read,
     * never a half-moved one; moving a user to the front copies references only (a few microseconds
     * at 10,000 users, against tens of nanoseconds per user tried).
     */
    private volatile Entry[] tryOrder = new Entry[0];
    private final LegacyHashTable<KeyedUser> legacy = new LegacyHashTable<>();
    private final AuthIdReplayFilter replayFilter = new AuthIdReplayFilter();
    private long seed;
    private boolean seedFused;
    private DrainBudget budget;
    private volatile long lastRefresh;

    public synchronized void add(KeyedUser user, long nowSeconds) {
        Entry entry = new Entry(user, new AuthId.Decoder(user.id().cmdKeyUnsafe()));
        users.add(entry);
        byEmail.computeIfAbsent(emailKey(user.email()), k -> new ArrayList<>(1)).add(entry);
        Entry[] order = Arrays.copyOf(tryOrder, tryOrder.length + 1);
        order[order.length - 1] = entry;
        tryOrder = order;
        if (lastRefresh == 0) {
            lastRefresh = nowSeconds;
        }
        if (user.alterId() > 0) {
            List<VmessId> ids = new ArrayList<>(user.alterId() + 1);
            ids.add(user.id());
            ids.addAll(AlternateIds.generate(user.id(), user.alterId()));
            legacy.add(user, ids, nowSeconds);
        }
        if (!seedFused) {
            seed = BehaviorSeed.addUser(seed, user.id().uuidUnsafe());
        }
    }

    /**
     * Removes the users with this email (4.34 compares emails case-insensitively). The email index finds
     * them; the try order is copied once without them (references only), so a change at 10,000 users
     * costs microseconds and re-keys nobody.
     *
     * @return whether one was there
     */
    public synchronized boolean remove(String email) {
        List<Entry> gone = byEmail.remove(emailKey(email));
        if (gone == null) {
            return false;
        }
        users.removeAll(gone);
        Entry[] order = tryOrder;
        Entry[] kept = new Entry[order.length - gone.size()];
        Set<Entry> goneSet = gone.size() == 1 ? Set.of(gone.get(0)) : new HashSet<>(gone);
        int n = 0;
        boolean legacyUser = false;
        for (Entry e : order) {
            if (!goneSet.contains(e)) {
                kept[n++] = e;
            }
        }
        tryOrder = kept;
        for (Entry e : gone) {
            legacyUser |= e.user().alterId() > 0;
        }
        if (legacyUser) {
            java.util.function.Predicate<KeyedUser> match = u -> u.email().equalsIgnoreCase(email);
            legacy.remove(match);
        }
        return true;
    }

    /** Whether a user has this email (case-insensitive). */
    public synchronized boolean hasEmail(String email) {
        return byEmail.containsKey(emailKey(email));
    }

    /**
     * The index key of an email: equal for two emails exactly when {@link String#equalsIgnoreCase} says
     * so (each char through upper then lower case, as that comparison does).
     */
    static String emailKey(String email) {
        char[] c = email.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toLowerCase(Character.toUpperCase(c[i]));
        }
        return new String(c);
    }

    public synchronized List<KeyedUser> users() {
        List<KeyedUser> out = new ArrayList<>(users.size());
        for (Entry e : users) {
            out.add(e.user());
        }
        return out;
    }

    public boolean hasLegacyUsers() {
        return legacy.size() > 0;
    }

    /**
     * A user whose key decrypts the AuthID to a valid block within the time window (users tried most
     * recently matched first; of users sharing one key, the first in configuration order still wins,
     * since only a matched user moves); null when none does.
     *
     * @throws VmessException "invalid user > replayed request" (drain) when seen before
     */
    public AeadMatch matchAead(byte[] authId, long nowSeconds) throws VmessException {
        Entry[] order = tryOrder;
        for (int i = 0; i < order.length; i++) {
            Entry e = order[i];
            long ts;
            synchronized (e.decoder()) {
                ts = e.decoder().validTimestamp(authId, nowSeconds);
            }
            if (ts == Long.MIN_VALUE) {
                continue;
            }
            if (!replayFilter.checkAndRemember(authId, ts, nowSeconds)) {
                throw new VmessException(V2rayMessages.causedBy(V2rayMessages.INVALID_USER, "replayed request"), true);
            }
            if (i > 0) {
                moveToFront(e);
            }
            return new AeadMatch(e.user(), ts);
        }
        return null;
    }

    /** Emails in the order the next AEAD lookup tries them (tests). */
    List<String> tryOrderEmails() {
        List<String> out = new ArrayList<>();
        for (Entry e : tryOrder) {
            out.add(e.user().email());
        }
        return out;
    }

    private synchronized void moveToFront(Entry e) {
        Entry[] order = tryOrder;
        int at = -1;
        for (int i = 0; i < order.length && at < 0; i++) {
            if (order[i] == e) {
                at = i;
            }
        }
        if (at <= 0) {
            return; // already first, or removed meanwhile
        }
        Entry[] moved = new Entry[order.length];
        moved[0] = e;
        System.arraycopy(order, 0, moved, 1, at);
        System.arraycopy(order, at + 1, moved, at + 1, order.length - at - 1);
        tryOrder = moved;
    }

    /**
     * Legacy lookup of the 16 bytes.
     *
     * @throws VmessException "invalid user > Not Found" / "invalid user > ErrTainted" (drain)
     */
    public LegacyHashTable.Match<KeyedUser> matchLegacy(byte[] userHash, long nowSeconds) throws VmessException {
        refreshIfDue(nowSeconds);
        try {
            LegacyHashTable.Match<KeyedUser> m = legacy.lookup(userHash);
            if (m == null) {
                throw new VmessException(V2rayMessages.causedBy(V2rayMessages.INVALID_USER, "Not Found"), true);
            }
            return m;
        } catch (LegacyHashTable.TaintedException e) {
            throw new VmessException(V2rayMessages.causedBy(V2rayMessages.INVALID_USER, "ErrTainted"), true);
        }
    }

    /** Burns the taint fuse of a legacy user hash; false when unknown or already burnt. */
    public boolean taint(byte[] userHash) {
        return legacy.taint(userHash);
    }

    /** The periodic (10 s) legacy table refresh. */
    public void refreshLegacy(long nowSeconds) {
        legacy.refresh(nowSeconds);
    }

    /** Refreshes lazily on lookups instead of with a timer: same table contents, no thread. */
    private void refreshIfDue(long nowSeconds) {
        if (nowSeconds - lastRefresh < LegacyHashTable.REFRESH_SECONDS) {
            return;
        }
        synchronized (this) {
            if (nowSeconds - lastRefresh >= LegacyHashTable.REFRESH_SECONDS) {
                lastRefresh = nowSeconds;
                legacy.refresh(nowSeconds);
            }
        }
    }

    /** The seed, fixed from the first call on (users added later do not change it, as in 4.34). */
    public synchronized long behaviorSeed() {
        seedFused = true;
        if (seed == 0) {
            seed = new SecureRandom().nextLong();
        }
        return seed;
    }

    public synchronized DrainBudget drainBudget() {
        if (budget == null) {
            budget = DrainBudget.fromSeed(behaviorSeed());
        }
        return budget;
    }
}
