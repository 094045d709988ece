package dev.vtool.engine.fallback;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.EngineException;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.UserManager;
import dev.vtool.engine.UserTable;
import dev.vtool.schema.protocol.fallback.Fallback;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.util.List;
import java.util.function.Function;

/**
 * An inbound that finds its user by a key in the first read and sends everyone else to its fallbacks
 * (trojan, vless): the user table the API changes, the fallback route, and one server handler a connection.
 *
 * @param <K> the key the handshake finds a user by
 * @param <U> the protocol's user record
 */
public abstract class FallbackInbound<K, U> implements InboundHandler, UserManager {
    private final EngineContext context;
    private final UserTable<K, U> users;
    private final FallbackRoute fallback;
    private final String handlerName;

    /**
     * @param protocol the protocol's name (in the API's refusals and the handler's pipeline name)
     * @param pkg      4.34's package, as log lines name it
     */
    protected FallbackInbound(EngineContext context, String protocol, String pkg, Class<U> type, Function<U, K> key,
                              Function<U, String> email, List<U> clients, List<Fallback> fallbacks) {
        this.context = context;
        this.users = new UserTable<>(protocol, type, key, email, clients);
        this.fallback = new FallbackRoute(context, new FallbackTable(fallbacks), pkg);
        this.handlerName = protocol + "-server";
    }

    /** The handler that reads one connection's request. */
    protected abstract ChannelHandler serverHandler(Session session);

    @Override
    public final void initConnection(Channel channel, Session session) {
        channel.pipeline().addLast(handlerName, serverHandler(session));
    }

    @Override
    public final boolean remoteFacing() {
        return true;
    }

    /** The API's AddUserOperation (4.34's validator: an email may be taken once, case-insensitively). */
    @Override
    public final void addUser(Object account) throws EngineException {
        users.addUser(account);
    }

    @Override
    public final void removeUser(String email) throws EngineException {
        users.removeUser(email);
    }

    /** The user with this key, or null. */
    public final U user(K key) {
        return users.get(key);
    }

    public final EngineContext context() {
        return context;
    }

    public final FallbackRoute fallback() {
        return fallback;
    }
}
