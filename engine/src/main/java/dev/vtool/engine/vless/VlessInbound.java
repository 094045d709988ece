package dev.vtool.engine.vless;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.UserTable;
import dev.vtool.engine.fallback.FallbackRoute;
import dev.vtool.engine.fallback.FallbackTable;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.protocol.vless.VlessInboundSettings;
import dev.vtool.schema.protocol.vless.VlessUser;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;

/** The vless inbound: users by their 16 UUID bytes, and the fallbacks for everyone else. */
public final class VlessInbound implements InboundHandler, dev.vtool.engine.UserManager {
    static final String PKG = "proxy/vless/inbound";

    private final EngineContext context;
    private final UserTable<ByteBuffer, VlessUser> users;
    private final FallbackRoute fallback;

    private VlessInbound(VlessInboundSettings settings, EngineContext context) {
        this.context = context;
        this.users = new UserTable<>("vless", VlessUser.class, u -> ByteBuffer.wrap(u.uuid()), VlessUser::email,
                settings.clients());
        this.fallback = new FallbackRoute(context, new FallbackTable(settings.fallbacks()), PKG);
    }

    public static InboundHandler create(InboundConfig config, EngineContext context) {
        return new VlessInbound((VlessInboundSettings) config.settings(), context);
    }

    @Override
    public void initConnection(Channel channel, Session session) {
        channel.pipeline().addLast("vless-server", new VlessServerHandler(this, session));
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

    VlessUser user(byte[] uuid) {
        return users.get(ByteBuffer.wrap(uuid));
    }

    EngineContext context() {
        return context;
    }

    FallbackRoute fallback() {
        return fallback;
    }
}
