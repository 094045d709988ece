package dev.vtool.engine.vless;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.fallback.FallbackRoute;
import dev.vtool.engine.fallback.FallbackTable;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.protocol.vless.VlessInboundSettings;
import dev.vtool.schema.protocol.vless.VlessUser;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.Map;

/** The vless inbound: users by their 16 UUID bytes, and the fallbacks for everyone else. */
public final class VlessInbound implements InboundHandler, dev.vtool.engine.UserManager {
    static final String PKG = "proxy/vless/inbound";

    private final EngineContext context;
    /** Read on every handshake, changed by the API: concurrent. */
    private final Map<ByteBuffer, VlessUser> users = new java.util.concurrent.ConcurrentHashMap<>();
    private final FallbackRoute fallback;

    private VlessInbound(VlessInboundSettings settings, EngineContext context) {
        this.context = context;
        for (VlessUser u : settings.clients()) {
            users.put(ByteBuffer.wrap(u.uuid()), u); // a repeated id: the later entry wins, as in 4.34
        }
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
    public synchronized void addUser(Object account) throws dev.vtool.engine.EngineException {
        if (!(account instanceof VlessUser u)) {
            throw new dev.vtool.engine.EngineException("the vless inbound takes only vless accounts");
        }
        if (!u.email().isEmpty() && users.values().stream().anyMatch(x -> x.email().equalsIgnoreCase(u.email()))) {
            throw new dev.vtool.engine.EngineException("User " + u.email() + " already exists.");
        }
        users.put(ByteBuffer.wrap(u.uuid()), u);
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
