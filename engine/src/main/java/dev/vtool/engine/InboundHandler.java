package dev.vtool.engine;

import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;

/**
 * One configured inbound: the engine accepts TCP connections (and UDP packets, if wanted) on its ports
 * and hands each to the inbound, which speaks the protocol's handshake and then calls
 * {@link Dispatcher#dispatch(Session, Link)}.
 */
public interface InboundHandler {
    /** Sets up the pipeline of a freshly accepted connection; the session's policy and source are set. */
    void initConnection(SocketChannel channel, Session session);

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
