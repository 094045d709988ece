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
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

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
        ServerConnection conn = new ServerConnection(ch.eventLoop(), carrierSession, null);
        conn.carrier = ch;
        if (channelLink.attach(new MuxFrameDecoder(), conn)) {
            conn.scheduleIdleCheck();
        }
    }

    /**
     * A carrier this side dials itself (a reverse bridge's link to its portal): the returned carrier's
     * {@link MuxCarrier#link()} goes to the dispatcher like a client's connection, and when the outbound
     * relays it, this side serves the frames the peer sends. Sessions are dispatched as coming from
     * {@code carrierSession}'s inbound tag, except those {@code claims} takes: for their New frame's target
     * it returns who gets each frame's data (ownership passed), or null to dispatch as usual.
     */
    public MuxCarrier dialled(EventLoop loop, Session carrierSession, Function<Destination, Consumer<ByteBuf>> claims) {
        ServerConnection conn = new ServerConnection(loop, carrierSession, claims);
        return new MuxCarrier(conn, new DialledLink(conn));
    }

    /** What the outbound relays its connection to: the carrier's channel then reads and writes frames. */
    private final class DialledLink implements Link {
        private final ServerConnection conn;

        DialledLink(ServerConnection conn) {
            this.conn = conn;
        }

        @Override
        public EventLoop eventLoop() {
            return conn.loop;
        }

        @Override
        public void relayTo(Channel outbound) {
            if (!conn.loop.inEventLoop()) {
                conn.loop.execute(() -> relayTo(outbound));
                return;
            }
            if (conn.isClosed() || conn.carrier != null) {
                outbound.close();
                return;
            }
            conn.connect(outbound);
            conn.scheduleIdleCheck();
            outbound.config().setAutoRead(true);
        }

        @Override
        public void respondAndClose(ByteBuf raw) {
            raw.release();
            close();
        }

        @Override
        public void close() {
            if (!conn.loop.inEventLoop()) {
                conn.loop.execute(this::close);
                return;
            }
            conn.close();
        }
    }

    private final class ServerConnection extends MuxConnection {
        private final Session carrierSession;
        private final Function<Destination, Consumer<ByteBuf>> claims;

        ServerConnection(EventLoop loop, Session carrierSession, Function<Destination, Consumer<ByteBuf>> claims) {
            super(loop, MuxServer.this.log, carrierSession.id());
            this.carrierSession = carrierSession;
            this.claims = claims;
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
            Consumer<ByteBuf> owner = claims == null ? null : claims.apply(f.target());
            if (owner != null) {
                ClaimedPackets claimed = new ClaimedPackets(this, f.id(), owner);
                add(claimed);
                if (f.data() != null) {
                    deliver(claimed, f.data());
                }
                return;
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
