package dev.vtool.engine;

import dev.vtool.engine.transport.PacketConnection;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * A UDP flow whose outbound is not chosen yet (routing waits for a DNS answer): holds the first datagrams,
 * at most {@link #MAX_HELD}, and hands them on once the real flow exists. Used on one event loop only.
 */
final class PendingPackets implements PacketConnection {
    /** Datagrams beyond this are dropped while the lookup runs, as a full socket buffer would. */
    static final int MAX_HELD = 64;
    private final ArrayDeque<Object[]> held = new ArrayDeque<>();
    private PacketConnection real;
    private boolean decided;
    private boolean closed;

    @Override
    public void send(Destination destination, ByteBuf payload) {
        if (decided) {
            if (real != null && !closed) {
                real.send(destination, payload);
            } else {
                payload.release();
            }
            return;
        }
        if (closed || held.size() >= MAX_HELD) {
            payload.release();
            return;
        }
        held.add(new Object[] {destination, payload});
    }

    /** The routed flow (null when routing found none): the held datagrams go out now. */
    void resolved(PacketConnection connection) {
        decided = true;
        real = connection;
        if (closed && real != null) {
            real.close();
        }
        while (!held.isEmpty()) {
            Object[] d = held.poll();
            if (real != null && !closed) {
                real.send((Destination) d[0], (ByteBuf) d[1]);
            } else {
                ((ByteBuf) d[1]).release();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return !closed && (!decided || real != null && real.isOpen());
    }

    @Override
    public void close() {
        closed = true;
        if (real != null) {
            real.close();
        }
        while (!held.isEmpty()) {
            ((ByteBuf) held.poll()[1]).release();
        }
    }
}
