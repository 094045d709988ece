package dev.vtool.engine.mux;

import dev.vtool.engine.Link;
import io.netty.channel.EventLoop;

/**
 * A carrier that someone outside this package owns (a reverse bridge's link): what it needs to count its
 * sessions and know when the carrier is gone. The counts are readable from any thread.
 */
public final class MuxCarrier {
    private final MuxConnection conn;
    private final Link link;

    MuxCarrier(MuxConnection conn, Link link) {
        this.conn = conn;
        this.link = link;
    }

    /** For a dialled carrier: what the outbound relays its connection to. */
    public Link link() {
        return link;
    }

    public EventLoop loop() {
        return conn.loop;
    }

    public boolean isClosed() {
        return conn.isClosed();
    }

    /** Sessions open now (a reverse bridge's control stream included). */
    public int activeSessions() {
        return conn.liveSessions();
    }

    /** Closes the carrier after what is queued; its sessions end. */
    public void close() {
        if (conn.loop.inEventLoop()) {
            conn.close();
        } else {
            conn.loop.execute(conn::close);
        }
    }
}
