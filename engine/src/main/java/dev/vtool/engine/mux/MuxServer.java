package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Dispatcher;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.Session;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.schema.model.Network;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;

/**
 * The server side of Mux.cool. As in 4.34 it is recognised by destination alone: a dispatched stream whose
 * destination is the domain {@code v1.mux.cool} (any port, any inbound protocol) is a carrier, and each
 * New frame in it is dispatched like a connection of its own (same inbound, user and policy).
 */
public final class MuxServer {
    /** The domain every Mux.cool carrier is addressed to. */
    public static final String DOMAIN = "v1.mux.cool";
    private final Dispatcher dispatcher;
    private final EngineLog log;

    public MuxServer(Dispatcher dispatcher, EngineLog log) {
        this.dispatcher = dispatcher;
        this.log = log;
    }

    /** Whether a dispatched destination is a Mux.cool carrier. */
    public static boolean carries(Destination d) {
        return d != null && DOMAIN.equalsIgnoreCase(d.host());
    }

    /** Serves the carrier behind {@code link} until it closes. */
    public void serve(Session carrierSession, Link link) {
        if (!(link instanceof ChannelLink channelLink)) {
            log.info(carrierSession.id(), "common/mux", "a Mux.cool connection cannot be carried by this inbound");
            link.close();
            return;
        }
        Channel ch = channelLink.channel();
        ServerConnection conn = new ServerConnection(ch, carrierSession);
        conn.carrier = ch;
        if (channelLink.attach(new MuxFrameDecoder(), conn)) {
            conn.scheduleIdleCheck();
        }
    }

    private final class ServerConnection extends MuxConnection {
        private final Session carrierSession;

        ServerConnection(Channel ch, Session carrierSession) {
            super(ch.eventLoop(), MuxServer.this.log, carrierSession.id());
            this.carrierSession = carrierSession;
        }

        /** A carrier without sessions for connIdle is closed; the peer opens a new one when it needs one. */
        void scheduleIdleCheck() {
            long idle = Math.max(1, carrierSession.policy().connIdle().toMillis());
            loop.schedule(() -> {
                if (isClosed()) {
                    return;
                }
                if (!takeActivity() && sessions.isEmpty()) {
                    close();
                    return;
                }
                scheduleIdleCheck();
            }, idle, TimeUnit.MILLISECONDS);
        }

        @Override
        void opened(MuxFrame f) {
            Session sub = new Session(EngineContext.newSessionId(), carrierSession.source(),
                    carrierSession.inboundTag(), carrierSession.accessFrom(), carrierSession.policy());
            sub.userEmail(carrierSession.userEmail());
            sub.remoteFacing(carrierSession.remoteFacing());
            sub.destination(f.target());
            log.info(sub.id(), "common/mux", "received request for " + f.target());
            MuxSession old = sessions.get(f.id());
            if (old != null) {
                old.abort();
                remove(old);
            }
            if (f.target().network() == Network.UDP) {
                openPackets(f, sub);
                return;
            }
            StreamBridge s = StreamBridge.accepted(this, f.id(), sub);
            add(s);
            if (f.data() != null) {
                deliver(s, f.data());
            }
            if (!isClosed()) {
                dispatcher.dispatch(sub, s);
            }
        }

        private void openPackets(MuxFrame f, Session sub) {
            ServerPackets s = new ServerPackets(this, f.id(), sub);
            PacketConnection pc = dispatcher.dispatchPackets(sub, loop, s::answer);
            if (pc == null) {
                if (f.data() != null) {
                    f.data().release();
                }
                send(MuxFrames.end(alloc(), f.id(), true));
                flush();
                return;
            }
            s.connected(pc);
            add(s);
            if (f.data() != null) {
                deliver(s, f.data());
            }
        }
    }
}
