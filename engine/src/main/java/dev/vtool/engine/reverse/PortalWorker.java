package dev.vtool.engine.reverse;

import dev.vtool.engine.Destination;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.mux.AcceptedMuxClient;
import dev.vtool.engine.mux.OutgoingPackets;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One bridge link at the portal, where this side is the Mux.cool client. As 4.34 does, it opens a UDP
 * control stream to {@code reverse.internal.v2ray.com:0} and sends a control message at once and every
 * 2 s; once more than 256 sessions were opened on the link it sends DRAIN, ends the control stream and
 * takes no new session while another link can (the bridge then dials a fresh one). The link closes at an
 * idle check that finds no session left.
 */
final class PortalWorker {
    static final long HEARTBEAT_SECONDS = 2;
    /** 4.34 drains a link after this many sessions. */
    static final int DRAIN_AFTER = 256;
    private final AcceptedMuxClient client;
    private final EngineLog log;
    private final Runnable gone;
    private OutgoingPackets control;
    private ScheduledFuture<?> heartbeat;
    private volatile boolean draining;

    /** @param gone run once the link is closed (its portal forgets it) */
    PortalWorker(AcceptedMuxClient client, EngineLog log, Runnable gone) {
        this.client = client;
        this.log = log;
        this.gone = gone;
    }

    /** Opens the control stream; on the link's loop. */
    void start() {
        control = client.openPackets(new Destination(Network.UDP, ReverseControl.INTERNAL_DOMAIN, 0), null);
        if (control == null) {
            gone.run();
            return;
        }
        beat();
        heartbeat = client.loop().scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
                TimeUnit.SECONDS);
    }

    private void beat() {
        if (client.isClosed() || draining || control.isEnded()) {
            stop();
            return;
        }
        int state = ReverseControl.ACTIVE;
        if (client.openedSessions() > DRAIN_AFTER) {
            draining = true;
            state = ReverseControl.DRAIN;
        }
        byte[] random = new byte[ThreadLocalRandom.current().nextInt(64)];
        ThreadLocalRandom.current().nextBytes(random);
        control.send(ReverseControl.encode(ByteBufAllocator.DEFAULT, state, random));
        if (draining) {
            log.info(0, "app/reverse", "draining a bridge link after " + client.openedSessions() + " sessions");
            control.end();
        }
    }

    private void stop() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (client.isClosed()) {
            gone.run();
        }
    }

    AcceptedMuxClient client() {
        return client;
    }

    boolean draining() {
        return draining;
    }

    boolean isClosed() {
        return client.isClosed();
    }
}
