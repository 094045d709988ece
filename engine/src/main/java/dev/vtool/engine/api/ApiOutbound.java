package dev.vtool.engine.api;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.schema.model.ApiSettings;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * The outbound under the {@code api} tag (4.34's commander outbound): routing sends API connections here,
 * and they are relayed to the gRPC server, which listens only on an ephemeral loopback port of its own.
 * No gRPC class is touched here, so a config without {@code api} never loads gRPC.
 */
public final class ApiOutbound implements OutboundHandler {
    private final ApiSettings settings;
    private final EngineContext context;
    private volatile InetSocketAddress server;

    public ApiOutbound(ApiSettings settings, EngineContext context) {
        this.settings = settings;
        this.context = context;
    }

    public ApiSettings settings() {
        return settings;
    }

    /** Set once the gRPC server listens. */
    void server(InetSocketAddress address) {
        this.server = address;
    }

    @Override
    public void dispatch(Session session, Link link) {
        InetSocketAddress to = server;
        if (to == null) {
            link.close();
            return;
        }
        context.dialer().connect(link.eventLoop(), to.getAddress().getHostAddress(), to.getPort(), null,
                session.policy()).addListener(f -> {
                    if (f.isSuccess()) {
                        link.relayTo((Channel) f.getNow());
                    } else {
                        context.log().warning(session.id(), "app/commander", "failed to reach the API server > "
                                + f.cause().getMessage());
                        link.close();
                    }
                });
    }
}
