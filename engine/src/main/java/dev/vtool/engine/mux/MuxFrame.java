package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import io.netty.buffer.ByteBuf;

/**
 * One decoded frame: {@code BE16 metaLen, meta = BE16 id, status, option [, network, port, address]} and,
 * when the option has the data bit, {@code BE16 length, data}.
 *
 * @param target only for {@link #NEW}
 * @param data   only with the data bit; owned by whoever receives the frame
 */
record MuxFrame(int id, int status, int option, Destination target, ByteBuf data) {
    static final int NEW = 1;
    static final int KEEP = 2;
    static final int END = 3;
    static final int KEEP_ALIVE = 4;

    static final int OPTION_DATA = 1;
    static final int OPTION_ERROR = 2;

    static final int NETWORK_TCP = 1;
    static final int NETWORK_UDP = 2;

    /** 4.34's readers refuse longer metadata. */
    static final int MAX_META = 512;
    /** The largest datagram one UDP frame may carry (4.34's buffer size); more kills the carrier. */
    static final int MAX_DATAGRAM = 2048;
    /** 4.34 writes stream data in frames of at most this many bytes. */
    static final int MAX_STREAM_CHUNK = 8192;

    boolean error() {
        return (option & OPTION_ERROR) != 0;
    }
}
