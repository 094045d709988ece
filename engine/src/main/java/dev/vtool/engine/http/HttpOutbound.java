package dev.vtool.engine.http;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.HandshakeThenRelay;
import dev.vtool.schema.protocol.http.HttpOutboundSettings;

/** Tunnels through an HTTP proxy with CONNECT (servers taken in turn). */
final class HttpOutbound implements OutboundHandler {
    private final HandshakeThenRelay tunnel;

    HttpOutbound(HttpOutboundSettings settings, String sendThrough, EngineContext context) {
        this.tunnel = new HandshakeThenRelay(context, sendThrough, settings.servers(), "v2ray.com/core/proxy/http",
                "http-connect", HttpConnectHandshake::new, cause -> cause.getMessage());
    }

    @Override
    public void dispatch(Session session, Link link) {
        tunnel.dispatch(session, link);
    }
}
