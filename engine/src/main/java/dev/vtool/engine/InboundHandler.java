package dev.vtool.engine;

import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramChannel;

/**
 * One configured inbound: the engine listens on its ports through the stream transport its
 * {@code streamSettings} select (and for UDP packets, if wanted) and hands each connection to the inbound,
 * which speaks the protocol's handshake and then calls {@link Dispatcher#dispatch(Session, Link)}.
 */
public interface InboundHandler {
    /**
     * Sets up the pipeline of a freshly accepted connection; the session's policy and source are set. The
     * channel reads and writes the stream's plain bytes: the transport's own handlers (a security layer,
     * websocket framing) sit before the inbound's in its pipeline.
     */
    void initConnection(Channel channel, Session session);

    /** Whether this inbound also listens for UDP on its ports. */
    default boolean wantsUdp() {
        return false;
    }

    /** Sets up the pipeline of the UDP listener on one port (only when {@link #wantsUdp()}). */
    default void initUdp(DatagramChannel channel) {
        throw new UnsupportedOperationException("no UDP for this inbound");
    }

    /** How the access log prints the client: V2Ray's socks inbound says {@code tcp:IP:PORT}, others {@code IP:PORT}. */
    default boolean accessFromWithNetwork() {
        return false;
    }

    /**
     * Whether the inbound serves clients on the open internet (VMess) rather than local apps: freedom
     * then refuses private destinations unless its {@code allowPrivate} setting is on.
     */
    default boolean remoteFacing() {
        return false;
    }
}
