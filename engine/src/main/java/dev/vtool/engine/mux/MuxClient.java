package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.EngineException;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An outbound with {@code mux} enabled: its streams and UDP flows become sessions of Mux.cool carriers,
 * each carrier one connection of the wrapped outbound to {@code v1.mux.cool:9527} (VMess sends that as
 * command 3). As in 4.34, a carrier takes sessions while fewer than {@code concurrency} are active and it
 * has carried fewer than 128, else another is dialled; a carrier idle for 16 s is closed. Carriers are
 * kept per event loop so a session never crosses threads.
 *
 * <p>A stream whose link is not a plain connection (an HTTP proxy request being forwarded) is not muxed.
 */
public final class MuxClient implements OutboundHandler {
    /** 4.34's lifetime limit of sessions per carrier. */
    static final int MAX_SESSIONS_PER_CARRIER = 128;
    /** 4.34's idle check period for carriers. */
    static final long IDLE_CHECK_SECONDS = 16;
    static final Destination CARRIER_TARGET = Destination.tcp(MuxServer.DOMAIN, 9527);
    private final OutboundHandler carrierOutbound;
    private final int concurrency;
    private final EngineLog log;
    private final Map<EventLoop, List<ClientConnection>> carriers = new ConcurrentHashMap<>();

    public MuxClient(OutboundHandler carrierOutbound, int concurrency, EngineLog log) {
        this.carrierOutbound = carrierOutbound;
        this.concurrency = concurrency;
        this.log = log;
    }

    @Override
    public void dispatch(Session session, Link link) {
        if (!(link instanceof ChannelLink channelLink)) {
            carrierOutbound.dispatch(session, link);
            return;
        }
        EventLoop loop = link.eventLoop();
        if (!loop.inEventLoop()) {
            loop.execute(() -> dispatch(session, link));
            return;
        }
        ClientConnection c = pick(loop, session);
        StreamBridge s = StreamBridge.opening(c, c.nextId(), session);
        c.add(s);
        log.info(session.id(), "common/mux", "dispatching request to " + session.destination());
        if (!channelLink.attach(s.endpointHandler())) {
            s.abort();
            c.remove(s);
        }
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) throws EngineException {
        return new ClientPackets(this, session, loop, back);
    }

    /** A carrier on {@code loop} with room for one more session, dialled if none has. */
    ClientConnection pick(EventLoop loop, Session session) {
        List<ClientConnection> list = carriers.computeIfAbsent(loop, l -> new ArrayList<>());
        list.removeIf(ClientConnection::isClosed);
        for (ClientConnection c : list) {
            if (!c.full()) {
                return c;
            }
        }
        ClientConnection c = new ClientConnection(loop, log, concurrency);
        list.add(c);
        Session carrierSession = new Session(EngineContext.newSessionId(), session.source(), session.inboundTag(),
                session.accessFrom(), session.policy());
        carrierSession.destination(CARRIER_TARGET);
        carrierSession.userEmail(session.userEmail());
        carrierOutbound.dispatch(carrierSession, c.carrierLink());
        return c;
    }

    /** How many carriers are open (for tests). */
    int carrierCount() {
        return carriers.values().stream().mapToInt(l -> (int) l.stream().filter(c -> !c.isClosed()).count()).sum();
    }
}
