package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * A UDP session this side opens and writes itself, with no endpoint channel behind it (a reverse portal's
 * control stream, or a client's UDP flow through the portal): the first message goes out in the New
 * frame, the rest as Keep frames; what the peer sends back goes to the receiver, if any, one datagram per
 * frame. Every call runs on the carrier's loop.
 */
public final class OutgoingPackets implements MuxSession {
    private final MuxConnection conn;
    private final int id;
    private final Consumer<ByteBuf> receiver;
    private Destination openTarget;
    /** Volatile: a flow on another loop asks whether to open a new session. */
    private volatile boolean ended;

    OutgoingPackets(MuxConnection conn, int id, Destination target, Consumer<ByteBuf> receiver) {
        this.conn = conn;
        this.id = id;
        this.openTarget = target;
        this.receiver = receiver;
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
        if (ended || receiver == null) {
            data.release();
            return;
        }
        receiver.accept(data);
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
