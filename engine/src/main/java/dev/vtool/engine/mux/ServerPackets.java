package dev.vtool.engine.mux;

import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ActivityTimer;
import dev.vtool.engine.transport.PacketConnection;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * A UDP session on the server: each frame is one datagram to the New frame's destination; each answer
 * goes back as one Keep+Data frame (no address, as 4.34). Ends on End, on the carrier's end, or after
 * connIdle without traffic.
 */
final class ServerPackets implements MuxSession {
    private final MuxConnection conn;
    private final int id;
    private final Session session;
    private PacketConnection flow;
    private ActivityTimer timer;
    private boolean finished;

    ServerPackets(MuxConnection conn, int id, Session session) {
        this.conn = conn;
        this.id = id;
        this.session = session;
    }

    void connected(PacketConnection pc) {
        flow = pc;
        timer = new ActivityTimer(conn.loop, session.policy().connIdle(), () -> {
            if (!finished) {
                conn.send(MuxFrames.end(conn.alloc(), id, false));
                conn.flush();
                end();
            }
        });
    }

    /** An answer from the destination. May come from another thread: moved onto the carrier's loop. */
    void answer(InetSocketAddress from, ByteBuf payload) {
        if (!conn.loop.inEventLoop()) {
            conn.loop.execute(() -> answer(from, payload));
            return;
        }
        if (finished || payload.readableBytes() > 0xFFFF) {
            payload.release();
            return;
        }
        timer.touch();
        conn.send(MuxFrames.keep(conn.alloc(), id, payload));
        conn.flush();
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
        if (finished) {
            data.release();
            return;
        }
        timer.touch();
        flow.send(session.destination(), data);
    }

    @Override
    public void flushReceived() {
    }

    @Override
    public void remoteEnded(boolean error) {
        end();
    }

    private void end() {
        if (!finished) {
            abort();
            conn.remove(this);
        }
    }

    @Override
    public void abort() {
        finished = true;
        if (timer != null) {
            timer.stop();
        }
        if (flow != null) {
            flow.close();
        }
    }

    @Override
    public void carrierWritable() {
    }
}
