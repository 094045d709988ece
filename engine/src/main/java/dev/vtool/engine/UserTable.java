package dev.vtool.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The users of an inbound by the key its handshake finds them by (a password hash, a UUID), changed at run time
 * by the API with 4.34's validator rules: an email is taken once (case-insensitively), removal is by email.
 * Read on every handshake, written rarely: a concurrent map, writers serialised.
 *
 * @param <K> the lookup key (with value equality)
 * @param <U> the protocol's user record
 */
public final class UserTable<K, U> implements UserManager {
    private final Map<K, U> byKey = new ConcurrentHashMap<>();
    private final String protocol;
    private final Class<U> type;
    private final Function<U, K> key;
    private final Function<U, String> email;

    /** The configured users; a repeated key: the later entry wins, as in 4.34. */
    public UserTable(String protocol, Class<U> type, Function<U, K> key, Function<U, String> email, List<U> users) {
        this.protocol = protocol;
        this.type = type;
        this.key = key;
        this.email = email;
        for (U u : users) {
            byKey.put(key.apply(u), u);
        }
    }

    /** The user with this key, or null. */
    public U get(K k) {
        return byKey.get(k);
    }

    /** The API's AddUserOperation. */
    @Override
    public synchronized void addUser(Object account) throws EngineException {
        if (!type.isInstance(account)) {
            throw new EngineException("the " + protocol + " inbound takes only " + protocol + " accounts");
        }
        U u = type.cast(account);
        String mail = email.apply(u);
        if (!mail.isEmpty() && byKey.values().stream().anyMatch(x -> email.apply(x).equalsIgnoreCase(mail))) {
            throw new EngineException("User " + mail + " already exists.");
        }
        byKey.put(key.apply(u), u);
    }

    /** The API's RemoveUserOperation. */
    @Override
    public synchronized void removeUser(String mail) throws EngineException {
        if (mail == null || mail.isEmpty()) {
            throw new EngineException("Email must not be empty.");
        }
        if (!byKey.values().removeIf(u -> email.apply(u).equalsIgnoreCase(mail))) {
            throw new EngineException("User " + mail + " not found.");
        }
    }
}
