package dev.vtool.engine.socks;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.HandshakeThenRelay;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.protocol.socks.SocksOutboundSettings;
import io.netty.channel.EventLoop;

/** Connects through a SOCKS5 server (servers taken in turn, like V2Ray's round-robin picker). */
final class SocksOutbound implements OutboundHandler {
    private final String sendThrough;
    private final EngineContext context;
    private final HandshakeThenRelay tunnel;

    SocksOutbound(SocksOutboundSettings settings, String sendThrough, EngineContext context) {
        this.sendThrough = sendThrough;
        this.context = context;
        this.tunnel = new HandshakeThenRelay(context, sendThrough, settings.servers(), "v2ray.com/core/proxy/socks",
                "socks-client", SocksClientHandshake::new,
                cause -> "failed to establish connection to server > v2ray.com/core/proxy/socks: " + cause.getMessage());
    }

    @Override
    public void dispatch(Session session, Link link) {
        tunnel.dispatch(session, link);
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        return SocksClientPackets.open(context, session, loop, back, tunnel.nextServer(), sendThrough);
    }
}
