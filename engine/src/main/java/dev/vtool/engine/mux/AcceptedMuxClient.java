package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.ChannelLink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * The client side of Mux.cool over a connection the peer opened (a reverse bridge's link, accepted by an
 * inbound and routed to a portal): this side opens the sessions. Unlike {@link MuxClient}'s carriers it has
 * no session limit, and the connections it carries arrive on any event loop: their endpoints stay on their
 * own loops and every frame is handled on the carrier's. Like 4.34's client worker it closes at an idle
 * check (every 16 s) that finds no session.
 */
public final class AcceptedMuxClient {
    private final ClientConnection conn;
    private final EngineLog log;
    private volatile int opened;

    private AcceptedMuxClient(ClientConnection conn, EngineLog log) {
        this.conn = conn;
        this.log = log;
    }

    /** Takes over {@code link} (call on its loop); null when the link was already used. */
    public static AcceptedMuxClient attach(ChannelLink link, EngineLog log) {
        ClientConnection conn = new ClientConnection(link.eventLoop(), log, Integer.MAX_VALUE);
        conn.carrier = link.channel();
        if (!link.attach(new MuxFrameDecoder(), conn)) {
            conn.carrier = null;
            conn.close();
            return null;
        }
        return new AcceptedMuxClient(conn, log);
    }

    public EventLoop loop() {
        return conn.loop;
    }

    public boolean isClosed() {
        return conn.isClosed();
    }

    /** Sessions open now. */
    public int activeSessions() {
        return conn.liveSessions();
    }

    /** Sessions opened since the carrier started (4.34's TotalConnections). */
    public int openedSessions() {
        return opened;
    }

    public void close() {
        onLoop(conn::close);
    }

    /**
     * Opens a session for a client's connection (from any loop); {@code refused} runs (on the carrier's loop)
     * when the carrier is already gone, so the caller can pick another.
     */
    public void openStream(Session session, ChannelLink client, Runnable refused) {
        onLoop(() -> {
            if (conn.isClosed() || conn.inputDone()) {
                refused.run();
                return;
            }
            StreamBridge s = StreamBridge.opening(conn, nextId(), session);
            conn.add(s);
            log.info(session.id(), "common/mux", "dispatching request to " + session.destination());
            client.eventLoop().execute(() -> {
                if (!client.attach(s.endpointHandler())) {
                    onLoop(() -> {
                        s.abort();
                        conn.remove(s);
                    });
                }
            });
        });
    }

    /**
     * Opens a UDP session this side writes itself (call on the carrier's loop); null when the carrier is gone.
     *
     * @param receiver gets each datagram the peer sends on it (ownership passed), or null to drop them
     */
    public OutgoingPackets openPackets(Destination target, java.util.function.Consumer<ByteBuf> receiver) {
        if (conn.isClosed() || conn.inputDone()) {
            return null;
        }
        OutgoingPackets p = new OutgoingPackets(conn, nextId(), target, receiver);
        conn.add(p);
        return p;
    }

    private int nextId() {
        int id = conn.nextId();
        opened = id;
        return id;
    }

    private void onLoop(Runnable r) {
        if (conn.loop.inEventLoop()) {
            r.run();
        } else {
            conn.loop.execute(r);
        }
    }
}
