package dev.vtool.engine;

import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;

/**
 * One configured outbound: carries a dispatched stream to the session's destination — directly
 * (freedom), nowhere (blackhole), or wrapped in another proxy protocol (socks, VMess). An outbound opens
 * its channel through {@link EngineContext#dialer()}, installs its protocol codec so that the channel
 * reads and writes plain payload, and calls {@link Link#relayTo}.
 */
public interface OutboundHandler {
    void dispatch(Session session, Link link);

    /**
     * Opens a packet flow (UDP) to the session's destination; answers go to {@code back}. Outbounds that
     * cannot carry UDP keep this default.
     */
    default PacketConnection openPackets(Session session, io.netty.channel.EventLoop loop, PacketReceiver back)
            throws EngineException {
        throw new EngineException("UDP is not supported by this outbound");
    }
}
