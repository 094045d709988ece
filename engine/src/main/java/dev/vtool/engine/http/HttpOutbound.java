package dev.vtool.engine.http;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.schema.model.HttpOutboundSettings;
import dev.vtool.schema.model.ProxyServer;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;

/** Tunnels through an HTTP proxy with CONNECT (servers taken in turn). */
final class HttpOutbound implements OutboundHandler {
    private final HttpOutboundSettings settings;
    private final String sendThrough;
    private final EngineContext context;
    private final AtomicInteger next = new AtomicInteger();

    HttpOutbound(HttpOutboundSettings settings, String sendThrough, EngineContext context) {
        this.settings = settings;
        this.sendThrough = sendThrough;
        this.context = context;
    }

    @Override
    public void dispatch(Session session, Link link) {
        ProxyServer server = settings.servers().get(Math.floorMod(next.getAndIncrement(), settings.servers().size()));
        context.dialer().connect(link.eventLoop(), server.address(), server.port(), sendThrough, session.policy())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(session, link, null, "failed to find an available destination > " + f.cause().getMessage());
                        return;
                    }
                    Channel ch = (Channel) f.getNow();
                    HttpConnectHandshake hs = new HttpConnectHandshake(server, session.destination());
                    ch.pipeline().addLast("http-connect", hs);
                    hs.result().addListener(r -> {
                        if (r.isSuccess()) {
                            link.relayTo(ch);
                            if (ch.pipeline().get("http-connect") != null) {
                                ch.pipeline().remove("http-connect"); // leftover bytes flow to the relay
                            }
                        } else {
                            fail(session, link, ch, r.cause().getMessage());
                        }
                    });
                    ch.config().setAutoRead(true);
                    hs.start(ch);
                });
    }

    private void fail(Session session, Link link, Channel ch, String why) {
        context.log().warning(session.id(), "app/proxyman/outbound",
                "failed to process outbound traffic > v2ray.com/core/proxy/http: " + why);
        if (ch != null) {
            ch.close();
        }
        link.close();
    }
}
