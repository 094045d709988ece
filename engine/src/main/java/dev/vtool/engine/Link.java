package dev.vtool.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * The client side of a dispatched connection, as an outbound sees it: a byte stream it can relay to
 * whatever channel it opened towards the destination. Inbounds provide the implementation (a raw socket
 * after a SOCKS/CONNECT handshake, or an HTTP request being forwarded), so every outbound works with
 * every inbound.
 */
public interface Link {
    EventLoop eventLoop();

    /**
     * Relays payload both ways between the client and {@code outbound} (a connected channel whose reads
     * and writes are plain payload, with any protocol codec already in its pipeline) until both sides end.
     * Takes ownership of {@code outbound}.
     */
    void relayTo(Channel outbound);

    /** Writes raw bytes to the client as they are (e.g. blackhole's 403 page), then closes. */
    void respondAndClose(ByteBuf raw);

    /** Ends the client side; used when the destination cannot be reached. */
    void close();

    /**
     * Makes the first bytes of the client's payload available without consuming them, for sniffing.
     * Calls {@code done} on the event loop exactly once with the bytes seen so far (possibly empty; the
     * buffer stays owned by the link), when {@code enough} accepts them, {@code maxBytes} are buffered, or
     * {@code waitMillis} elapsed.
     */
    default void peek(int maxBytes, long waitMillis, java.util.function.Predicate<ByteBuf> enough,
                      java.util.function.Consumer<ByteBuf> done) {
        done.accept(io.netty.buffer.Unpooled.EMPTY_BUFFER);
    }
}
