package dev.vtool.engine.dns;

import io.netty.buffer.ByteBuf;

/** Where a caching name server's query messages go; answers come back to the consumer it was made with. */
interface QueryChannel {
    /** Sends one query message; takes ownership of {@code query}. Called on the DNS loop. */
    void send(ByteBuf query);

    void close();
}
