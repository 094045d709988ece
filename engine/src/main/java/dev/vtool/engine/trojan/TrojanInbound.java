package dev.vtool.engine.trojan;

import dev.vtool.engine.EngineContext;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.fallback.FallbackRoute;
import dev.vtool.engine.fallback.FallbackTable;
import dev.vtool.schema.protocol.trojan.TrojanInboundSettings;
import dev.vtool.schema.protocol.trojan.TrojanUser;
import io.netty.channel.Channel;
import java.util.Map;

/** The trojan inbound: users by the hex of their password's SHA-224, and the fallbacks for everyone else. */
public final class TrojanInbound implements InboundHandler, dev.vtool.engine.UserManager {
    static final String PKG = "proxy/trojan";

    private final EngineContext context;
    /** Read on every handshake, changed by the API: concurrent. */
    private final Map<String, TrojanUser> users = new java.util.concurrent.ConcurrentHashMap<>();
    private final FallbackRoute fallback;

    private TrojanInbound(TrojanInboundSettings settings, EngineContext context) {
        this.context = context;
        for (TrojanUser u : settings.clients()) {
            users.put(TrojanKey.of(u.password()), u); // a repeated password: the later entry wins, as in 4.34
        }
        this.fallback = new FallbackRoute(context, new FallbackTable(settings.fallbacks()), PKG);
    }

    public static InboundHandler create(InboundConfig config, EngineContext context) {
        return new TrojanInbound((TrojanInboundSettings) config.settings(), context);
    }

    @Override
    public void initConnection(Channel channel, Session session) {
        channel.pipeline().addLast("trojan-server", new TrojanServerHandler(this, session));
    }

    @Override
    public boolean remoteFacing() {
        return true;
    }

    /** The API's AddUserOperation (4.34's validator: an email may be taken once, case-insensitively). */
    @Override
    public synchronized void addUser(Object account) throws dev.vtool.engine.EngineException {
        if (!(account instanceof TrojanUser u)) {
            throw new dev.vtool.engine.EngineException("the trojan inbound takes only trojan accounts");
        }
        if (!u.email().isEmpty() && users.values().stream().anyMatch(x -> x.email().equalsIgnoreCase(u.email()))) {
            throw new dev.vtool.engine.EngineException("User " + u.email() + " already exists.");
        }
        users.put(TrojanKey.of(u.password()), u);
    }

    @Override
    public synchronized void removeUser(String email) throws dev.vtool.engine.EngineException {
        if (email == null || email.isEmpty()) {
            throw new dev.vtool.engine.EngineException("Email must not be empty.");
        }
        if (!users.values().removeIf(u -> u.email().equalsIgnoreCase(email))) {
            throw new dev.vtool.engine.EngineException("User " + email + " not found.");
        }
    }

    TrojanUser user(String key) {
        return users.get(key);
    }

    EngineContext context() {
        return context;
    }

    FallbackRoute fallback() {
        return fallback;
    }
}
