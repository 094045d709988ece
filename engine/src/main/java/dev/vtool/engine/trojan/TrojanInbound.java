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
import java.util.HashMap;
import java.util.Map;

/** The trojan inbound: users by the hex of their password's SHA-224, and the fallbacks for everyone else. */
public final class TrojanInbound implements InboundHandler {
    static final String PKG = "proxy/trojan";

    private final EngineContext context;
    private final Map<String, TrojanUser> users = new HashMap<>();
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
