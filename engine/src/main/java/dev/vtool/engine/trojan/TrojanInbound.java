package dev.vtool.engine.trojan;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.fallback.FallbackInbound;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.protocol.trojan.TrojanInboundSettings;
import dev.vtool.schema.protocol.trojan.TrojanUser;
import io.netty.channel.ChannelHandler;

/** The trojan inbound: users by the hex of their password's SHA-224, and the fallbacks for everyone else. */
public final class TrojanInbound extends FallbackInbound<String, TrojanUser> {
    static final String PKG = "proxy/trojan";

    private TrojanInbound(TrojanInboundSettings settings, EngineContext context) {
        super(context, "trojan", PKG, TrojanUser.class, u -> TrojanKey.of(u.password()), TrojanUser::email,
                settings.clients(), settings.fallbacks());
    }

    public static InboundHandler create(InboundConfig config, EngineContext context) {
        return new TrojanInbound((TrojanInboundSettings) config.settings(), context);
    }

    @Override
    protected ChannelHandler serverHandler(Session session) {
        return new TrojanServerHandler(this, session);
    }
}
