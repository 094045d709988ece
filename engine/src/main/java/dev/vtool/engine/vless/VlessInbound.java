package dev.vtool.engine.vless;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.fallback.FallbackInbound;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.protocol.vless.VlessInboundSettings;
import dev.vtool.schema.protocol.vless.VlessUser;
import io.netty.channel.ChannelHandler;
import java.nio.ByteBuffer;

/** The vless inbound: users by their 16 UUID bytes, and the fallbacks for everyone else. */
public final class VlessInbound extends FallbackInbound<ByteBuffer, VlessUser> {
    static final String PKG = "proxy/vless/inbound";

    private VlessInbound(VlessInboundSettings settings, EngineContext context) {
        super(context, "vless", PKG, VlessUser.class, u -> ByteBuffer.wrap(u.uuid()), VlessUser::email,
                settings.clients(), settings.fallbacks());
    }

    public static InboundHandler create(InboundConfig config, EngineContext context) {
        return new VlessInbound((VlessInboundSettings) config.settings(), context);
    }

    @Override
    protected ChannelHandler serverHandler(Session session) {
        return new VlessServerHandler(this, session);
    }
}
