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
import java.util.HashMap;
import java.util.Map;

/** The vless inbound: users by their 16 UUID bytes, and the fallbacks for everyone else. */
public final class VlessInbound implements InboundHandler {
    static final String PKG = "proxy/vless/inbound";

    private final EngineContext context;
    private final Map<ByteBuffer, VlessUser> users = new HashMap<>();
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
