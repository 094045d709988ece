package dev.vtool.engine.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** Where answers of a {@link PacketConnection} go back to the inbound. */
public interface PacketReceiver {
    /** One answer datagram from {@code from}; takes ownership of {@code payload}. */
    void received(InetSocketAddress from, ByteBuf payload);
}
