package dev.vtool.engine;

/**
 * An inbound whose users can change at run time (4.34's {@code proxy.UserManager}; the API's AlterInbound).
 */
public interface UserManager {
    /**
     * Adds a user.
     *
     * @param account the account decoded from the API's TypedMessage (e.g. a
     *                {@link dev.vtool.schema.model.VmessUser}); an inbound refuses a kind it does not take
     * @throws EngineException with 4.34's words ("User X already exists.") or why the account does not fit
     */
    void addUser(Object account) throws EngineException;

    /** Removes the user with this email (case-insensitive, as in 4.34). */
    void removeUser(String email) throws EngineException;
}
