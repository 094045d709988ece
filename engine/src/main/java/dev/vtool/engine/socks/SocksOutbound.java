package dev.vtool.engine.socks;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.schema.model.ProxyServer;
import dev.vtool.schema.model.SocksOutboundSettings;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;

/** Connects through a SOCKS5 server (servers taken in turn, like V2Ray's round-robin picker). */
final class SocksOutbound implements OutboundHandler {
    private final SocksOutboundSettings settings;
    private final String sendThrough;
    private final EngineContext context;
    private final AtomicInteger next = new AtomicInteger();

    SocksOutbound(SocksOutboundSettings settings, String sendThrough, EngineContext context) {
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
                    SocksClientHandshake hs = new SocksClientHandshake(server, session.destination());
                    ch.pipeline().addLast("socks-client", hs);
                    hs.result().addListener(r -> {
                        if (r.isSuccess()) {
                            link.relayTo(ch);
                            // leftover bytes the server sent right after its reply go to the relay
                            if (ch.pipeline().get("socks-client") != null) {
                                ch.pipeline().remove("socks-client");
                            }
                        } else {
                            fail(session, link, ch, "failed to establish connection to server > "
                                    + "v2ray.com/core/proxy/socks: " + r.cause().getMessage());
                        }
                    });
                    ch.config().setAutoRead(true);
                    hs.start(ch);
                });
    }

    @Override
    public dev.vtool.engine.transport.PacketConnection openPackets(Session session, io.netty.channel.EventLoop loop,
            dev.vtool.engine.transport.PacketReceiver back) {
        ProxyServer server = settings.servers().get(Math.floorMod(next.getAndIncrement(), settings.servers().size()));
        return new SocksClientPackets(context, session, loop, back, server, sendThrough);
    }

    private void fail(Session session, Link link, Channel ch, String why) {
        context.log().warning(session.id(), "app/proxyman/outbound",
                "failed to process outbound traffic > v2ray.com/core/proxy/socks: " + why);
        if (ch != null) {
            ch.close();
        }
        link.close();
    }
}
