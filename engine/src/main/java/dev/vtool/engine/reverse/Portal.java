package dev.vtool.engine.reverse;

import dev.vtool.engine.EngineException;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.mux.AcceptedMuxClient;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * A reverse portal: the outbound under its tag. A connection routed here whose destination is the portal's
 * domain is a bridge's link and joins the pool; any other becomes a session on the link with the fewest
 * open sessions among those not draining (among all, when every one drains), as 4.34's picker chooses.
 * With no link, the connection is closed.
 */
public final class Portal implements OutboundHandler {
    private static final String PKG = "app/reverse";
    /** 4.34's ClientManager tries this many picks before giving up. */
    private static final int PICK_ATTEMPTS = 16;
    private final String tag;
    private final String domain;
    private final EngineLog log;
    private final List<PortalWorker> workers = new ArrayList<>();

    Portal(String tag, String domain, EngineLog log) {
        this.tag = tag;
        this.domain = domain;
        this.log = log;
    }

    public String tag() {
        return tag;
    }

    @Override
    public void dispatch(Session session, Link link) {
        if (ReverseControl.isDomain(session.destination(), domain)) {
            accept(session, link);
            return;
        }
        open(session, link, 0);
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) throws EngineException {
        if (pick() == null) {
            throw new EngineException("failed to process reverse connection > empty worker list");
        }
        return new PortalPackets(this::pick, loop, back);
    }

    /** A bridge's link: this side becomes its Mux.cool client. */
    private void accept(Session session, Link link) {
        if (!(link instanceof ChannelLink channelLink)) {
            log.info(session.id(), PKG, "failed to process reverse connection > a bridge's link cannot come through this inbound");
            link.close();
            return;
        }
        EventLoop loop = link.eventLoop();
        if (!loop.inEventLoop()) {
            loop.execute(() -> accept(session, link));
            return;
        }
        AcceptedMuxClient client = AcceptedMuxClient.attach(channelLink, log);
        if (client == null) {
            return;
        }
        PortalWorker[] self = new PortalWorker[1];
        self[0] = new PortalWorker(client, log, () -> forget(self[0]));
        synchronized (workers) {
            workers.add(self[0]);
        }
        log.info(session.id(), PKG, "portal [" + tag + "] got a bridge link");
        self[0].start();
    }

    private void open(Session session, Link link, int attempt) {
        if (!(link instanceof ChannelLink channelLink)) {
            log.info(session.id(), PKG, "failed to process reverse connection > this connection cannot be carried to a bridge");
            link.close();
            return;
        }
        PortalWorker w = pick();
        if (w == null) {
            log.info(session.id(), PKG, "failed to process reverse connection > empty worker list");
            link.close();
            return;
        }
        w.client().openStream(session, channelLink, () -> {
            forget(w);
            if (attempt + 1 < PICK_ATTEMPTS) {
                open(session, link, attempt + 1);
            } else {
                log.info(session.id(), PKG, "failed to process reverse connection > unable to find an available mux client");
                link.close();
            }
        });
    }

    private PortalWorker pick() {
        synchronized (workers) {
            workers.removeIf(PortalWorker::isClosed);
            PortalWorker best = least(true);
            return best != null ? best : least(false);
        }
    }

    private PortalWorker least(boolean skipDraining) {
        PortalWorker best = null;
        for (PortalWorker w : workers) {
            if (skipDraining && w.draining()) {
                continue;
            }
            if (best == null || w.client().activeSessions() < best.client().activeSessions()) {
                best = w;
            }
        }
        return best;
    }

    private void forget(PortalWorker w) {
        synchronized (workers) {
            workers.remove(w);
        }
    }

    /** Bridge links in the pool (for tests). */
    int links() {
        synchronized (workers) {
            workers.removeIf(PortalWorker::isClosed);
            return workers.size();
        }
    }
}
