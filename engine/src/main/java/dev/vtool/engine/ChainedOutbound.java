package dev.vtool.engine;

import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import io.netty.channel.EventLoop;

/** An outbound with {@code proxySettings}: streams go through the chain; UDP cannot, so it is refused. */
final class ChainedOutbound implements OutboundHandler {
    private final OutboundHandler inner;
    private final String proxyTag;

    ChainedOutbound(OutboundHandler inner, String proxyTag) {
        this.inner = inner;
        this.proxyTag = proxyTag;
    }

    @Override
    public void dispatch(Session session, Link link) {
        inner.dispatch(session, link);
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) throws EngineException {
        throw new EngineException("UDP through proxySettings (tag " + proxyTag + ") is not supported by vtool run yet");
    }
}
