package dev.vtool.engine.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * Where a listening transport hands its connections: the inbound side of the engine (admission limits,
 * sessions, the handshake deadline, the proxy protocol's pipeline). Both calls run on the connection's
 * event loop.
 */
public interface ConnectionAcceptor {
    /**
     * A raw connection was just accepted, before any layer reads from it. False means refused (it is
     * closed then); true means the acceptor tracks it until it closes.
     */
    boolean admit(Channel raw);

    /**
     * The connection now carries the stream: its pipeline reads and writes plain bytes. For most transports
     * {@code channel} is the admitted one; a multiplexing transport (HTTP/2) passes a child stream.
     *
     * @param source the client, as the transport knows it (a PROXY protocol header can name another)
     */
    void carried(Channel channel, InetSocketAddress source);
}
