package dev.vtool.engine.stats;

import dev.vtool.engine.Destination;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import java.util.concurrent.atomic.LongAdder;

/**
 * A user's UDP payload counted as 4.34 counts it: the dispatcher's link carries each datagram's payload,
 * so what the inbound sends is the user's uplink and each answer the outbound hands back the downlink
 * (no protocol header on either side).
 */
public final class UserCountedPackets implements PacketConnection {
    private final PacketConnection packets;
    private final LongAdder uplink;

    private UserCountedPackets(PacketConnection packets, LongAdder uplink) {
        this.packets = packets;
        this.uplink = uplink;
    }

    /** The answers' way back, counting each answer's payload into {@code downlink} (null: not counted). */
    public static PacketReceiver receiver(PacketReceiver back, LongAdder downlink) {
        if (downlink == null) {
            return back;
        }
        return (from, payload) -> {
            downlink.add(payload.readableBytes());
            back.received(from, payload);
        };
    }

    /** The flow, counting each sent datagram's payload into {@code uplink} (null: not counted). */
    public static PacketConnection sending(PacketConnection packets, LongAdder uplink) {
        return packets == null || uplink == null ? packets : new UserCountedPackets(packets, uplink);
    }

    @Override
    public void send(Destination destination, io.netty.buffer.ByteBuf payload) {
        uplink.add(payload.readableBytes());
        packets.send(destination, payload);
    }

    @Override
    public boolean isOpen() {
        return packets.isOpen();
    }

    @Override
    public void close() {
        packets.close();
    }
}
