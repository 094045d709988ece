package dev.vtool.engine.mux;

import io.netty.buffer.ByteBuf;

/** One session of a carrier, as the carrier drives it. Every call runs on the carrier's event loop. */
interface MuxSession {
    int id();

    /** UDP sessions take one datagram per frame and refuse oversize ones. */
    boolean packets();

    /** Data that arrived for this session (ownership taken). */
    void received(ByteBuf data);

    /** The carrier finished a read burst: flush what {@link #received} queued. */
    void flushReceived();

    /** The peer sent End (with the error bit: abort both directions). */
    void remoteEnded(boolean error);

    /** The carrier is gone: close without sending anything. */
    void abort();

    /** The carrier can take more frames again. */
    void carrierWritable();
}
