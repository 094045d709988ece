package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Frames one direction of a VMess body. One instance per connection direction; not thread safe. */
public interface BodyEncoder {
    /**
     * Frames all readable bytes of {@code payload} (one datagram in packet mode) and returns a buffer
     * the caller owns. Advances the payload's reader index; the caller still owns and releases the
     * payload. An empty payload yields an empty buffer, never an end marker.
     *
     * @throws VmessException when a datagram does not fit one chunk (V2Ray drops it silently)
     */
    ByteBuf encode(ByteBuf payload, ByteBufAllocator alloc) throws VmessException;

    /** The end-of-stream marker, or an empty buffer for framings that have none. */
    ByteBuf encodeEnd(ByteBufAllocator alloc);
}
