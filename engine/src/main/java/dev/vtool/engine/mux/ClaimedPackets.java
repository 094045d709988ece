package dev.vtool.engine.mux;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * A session the carrier's owner serves itself instead of dispatching it (a reverse bridge's control
 * stream): each frame's data goes to the owner as one message; nothing is sent back.
 */
final class ClaimedPackets implements MuxSession {
    private final MuxConnection conn;
    private final int id;
    private final Consumer<ByteBuf> owner;
    private boolean ended;

    ClaimedPackets(MuxConnection conn, int id, Consumer<ByteBuf> owner) {
        this.conn = conn;
        this.id = id;
        this.owner = owner;
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
        if (ended) {
            data.release();
            return;
        }
        owner.accept(data);
    }

    @Override
    public void flushReceived() {
    }

    @Override
    public void remoteEnded(boolean error) {
        if (!ended) {
            ended = true;
            conn.send(MuxFrames.end(conn.alloc(), id, false));
            conn.flush();
            conn.remove(this);
        }
    }

    @Override
    public void abort() {
        ended = true;
    }

    @Override
    public void carrierWritable() {
    }
}
