package dev.vtool.engine.trojan;

import dev.vtool.engine.EngineContext;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.UserTable;
import dev.vtool.engine.fallback.FallbackRoute;
import dev.vtool.engine.fallback.FallbackTable;
import dev.vtool.schema.protocol.trojan.TrojanInboundSettings;
import dev.vtool.schema.protocol.trojan.TrojanUser;
import io.netty.channel.Channel;

/** The trojan inbound: users by the hex of their password's SHA-224, and the fallbacks for everyone else. */
public final class TrojanInbound implements InboundHandler, dev.vtool.engine.UserManager {
    static final String PKG = "proxy/trojan";

    private final EngineContext context;
    private final UserTable<String, TrojanUser> users;
    private final FallbackRoute fallback;

    private TrojanInbound(TrojanInboundSettings settings, EngineContext context) {
        this.context = context;
        this.users = new UserTable<>("trojan", TrojanUser.class, u -> TrojanKey.of(u.password()), TrojanUser::email,
                settings.clients());
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
    public void addUser(Object account) throws dev.vtool.engine.EngineException {
        users.addUser(account);
    }

    @Override
    public void removeUser(String email) throws dev.vtool.engine.EngineException {
        users.removeUser(email);
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
