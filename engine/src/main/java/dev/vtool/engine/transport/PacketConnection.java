package dev.vtool.engine.transport;

import dev.vtool.engine.Destination;
import io.netty.buffer.ByteBuf;

/** An open UDP flow through an outbound: send datagrams to destinations; answers come to a {@link PacketReceiver}. */
public interface PacketConnection {
    /** Sends one datagram; takes ownership of {@code payload}. */
    void send(Destination destination, ByteBuf payload);

    boolean isOpen();

    void close();
}
