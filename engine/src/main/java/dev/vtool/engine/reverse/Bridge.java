package dev.vtool.engine.reverse;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Dispatcher;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.mux.MuxCarrier;
import dev.vtool.engine.mux.MuxServer;
import dev.vtool.schema.model.LevelPolicy;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A reverse bridge: keeps links to its portal open. As 4.34 does, every 2 s (and at start) it drops links
 * that are closed or drained and dials one more when none is left or the live ones carry more than 16
 * sessions each on average (integer division, the control streams counted). A link is a connection to
 * {@code domain:0} dispatched with the bridge's tag as inbound tag, so routing picks the outbound to the
 * portal; the sessions the portal opens on it are dispatched with that tag too. Everything of one bridge
 * runs on one event loop.
 */
public final class Bridge {
    static final long MONITOR_SECONDS = 2;
    static final int SESSIONS_PER_LINK = 16;
    private final String tag;
    private final String domain;
    private final Dispatcher dispatcher;
    private final LevelPolicy policy;
    private final EngineLog log;
    private final List<BridgeWorker> workers = new ArrayList<>();
    private EventLoop loop;
    private ScheduledFuture<?> monitor;
    private boolean closed;

    Bridge(String tag, String domain, Dispatcher dispatcher, LevelPolicy policy, EngineLog log) {
        this.tag = tag;
        this.domain = domain;
        this.dispatcher = dispatcher;
        this.policy = policy;
        this.log = log;
    }

    public String tag() {
        return tag;
    }

    void start(EventLoop loop) {
        this.loop = loop;
        loop.execute(() -> {
            if (closed) {
                return;
            }
            check();
            monitor = loop.scheduleWithFixedDelay(this::check, MONITOR_SECONDS, MONITOR_SECONDS, TimeUnit.SECONDS);
        });
    }

    private void check() {
        if (closed) {
            return;
        }
        workers.removeIf(w -> !w.isActive());
        int connections = 0;
        for (BridgeWorker w : workers) {
            connections += w.connections();
        }
        if (workers.isEmpty() || connections / workers.size() > SESSIONS_PER_LINK) {
            workers.add(dial());
        }
    }

    private BridgeWorker dial() {
        Session s = new Session(EngineContext.newSessionId(), null, tag, null, policy);
        s.destination(Destination.tcp(domain, 0));
        BridgeWorker w = new BridgeWorker(log, s.id());
        MuxCarrier carrier = new MuxServer(dispatcher, log).dialled(loop, s, w::claim);
        w.carrier(carrier);
        log.info(s.id(), "app/reverse", "bridge [" + tag + "] opens a link to " + domain);
        dispatcher.dispatch(s, carrier.link());
        return w;
    }

    /** Links open now (for tests). */
    int links() {
        return (int) workers.stream().filter(BridgeWorker::isActive).count();
    }

    void close() {
        if (loop == null) {
            closed = true;
            return;
        }
        loop.execute(() -> {
            closed = true;
            if (monitor != null) {
                monitor.cancel(false);
            }
            workers.forEach(BridgeWorker::close);
            workers.clear();
        });
    }
}
