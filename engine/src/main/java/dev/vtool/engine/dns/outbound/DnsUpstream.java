package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.Destination;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Where the DNS outbound sends the messages it does not answer itself: the server over UDP (one datagram per
 * message) or over TCP (2-byte length prefixes), as 4.34 picks by the server's network, whatever the client
 * used. Opened on first use; each answer comes back whole, with the address it came from.
 */
interface DnsUpstream {
    /** Sends one whole DNS message to {@code server}; takes ownership of {@code message}. */
    void forward(Destination server, ByteBuf message);

    boolean isOpen();

    void close();

    /** Receives each whole answer (owned by the receiver) and the server address it came from. */
    interface Answers {
        void received(InetSocketAddress from, ByteBuf message);
    }
}
