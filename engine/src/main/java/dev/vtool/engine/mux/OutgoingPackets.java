package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import io.netty.buffer.ByteBuf;

/**
 * A UDP session this side opens and writes itself, with no endpoint behind it (a reverse portal's control
 * stream): the first message goes out in the New frame, the rest as Keep frames; what the peer sends back
 * is dropped. Every call runs on the carrier's loop.
 */
public final class OutgoingPackets implements MuxSession {
    private final MuxConnection conn;
    private final int id;
    private Destination openTarget;
    private boolean ended;

    OutgoingPackets(MuxConnection conn, int id, Destination target) {
        this.conn = conn;
        this.id = id;
        this.openTarget = target;
    }

    /**
     * Sends one message (ownership taken); dropped once the session or carrier ended. An empty message is
     * not sent (4.34 writes nothing for it), except that the first opens the session with a bare New.
     */
    public void send(ByteBuf message) {
        if (ended || conn.isClosed() || !message.isReadable() && openTarget == null) {
            message.release();
            return;
        }
        if (openTarget != null) {
            Destination t = openTarget;
            openTarget = null;
            if (!message.isReadable()) {
                message.release();
                message = null;
            }
            conn.send(MuxFrames.open(conn.alloc(), id, t, message));
        } else {
            conn.send(MuxFrames.keep(conn.alloc(), id, message));
        }
        conn.flush();
    }

    /** Ends the session (End to the peer). */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (openTarget == null && !conn.isClosed()) {
            conn.send(MuxFrames.end(conn.alloc(), id, false));
            conn.flush();
        }
        conn.remove(this);
    }

    public boolean isEnded() {
        return ended || conn.isClosed();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean packets() {
        return true;
    }

    @Override
    public void received(ByteBuf data) {
        data.release();
    }

    @Override
    public void flushReceived() {
    }

    @Override
    public void remoteEnded(boolean error) {
        ended = true;
        conn.remove(this);
    }

    @Override
    public void abort() {
        ended = true;
    }

    @Override
    public void carrierWritable() {
    }
}
