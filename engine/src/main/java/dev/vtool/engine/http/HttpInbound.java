package dev.vtool.engine.http;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.schema.model.HttpInboundSettings;
import dev.vtool.schema.model.InboundConfig;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/** The http inbound: CONNECT tunnels and absolute-URI forwarding with keep-alive. */
final class HttpInbound implements InboundHandler {
    private final InboundConfig config;
    private final HttpInboundSettings settings;
    private final EngineContext context;

    HttpInbound(InboundConfig config, EngineContext context) {
        this.config = config;
        this.settings = (HttpInboundSettings) config.settings();
        this.context = context;
    }

    @Override
    public void initConnection(Channel ch, Session session) {
        int cap = context.limits().httpMaxHeaderSize();
        ch.pipeline().addLast("http-codec", new HttpServerCodec(cap, cap, 8192));
        ch.pipeline().addLast("http-keepalive", new HttpServerKeepAliveHandler());
        ch.pipeline().addLast("http-proxy", new HttpProxyHandler(settings, context, session,
                config.tag() == null ? "" : config.tag()));
    }
}
