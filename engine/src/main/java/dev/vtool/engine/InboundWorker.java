package dev.vtool.engine;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.ConnectionAcceptor;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.engine.transport.ListenFailure;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.text.V2rayMessages;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inbound side of every connection a transport accepts for one inbound (V2Ray's proxyman worker):
 * admission under {@code policy.limits}, then a session with the inbound's policy, the handshake
 * deadline, and the protocol's pipeline.
 */
final class InboundWorker implements ConnectionAcceptor {
    private final InboundConfig config;
    private final InboundHandler inbound;
    private final LevelPolicy policy;
    private final ConnectionLimiter limiter;
    private final ChannelGroup connections;
    private final AtomicLong lastLimitLog;
    private final EngineLog log;
    private final String tag;
    /** policy.system.statsInbound*: counts right after the transport, before the protocol; or null. */
    private final io.netty.channel.ChannelHandler counter;

    InboundWorker(InboundConfig config, InboundHandler inbound, LevelPolicy policy, ConnectionLimiter limiter,
                  ChannelGroup connections, AtomicLong lastLimitLog, EngineLog log,
                  io.netty.channel.ChannelHandler counter) {
        this.counter = counter;
        this.config = config;
        this.inbound = inbound;
        this.policy = policy;
        this.limiter = limiter;
        this.connections = connections;
        this.lastLimitLog = lastLimitLog;
        this.log = log;
        this.tag = config.tag() == null ? "" : config.tag();
    }

    /** The inbound's traffic counter, or null. */
    io.netty.channel.ChannelHandler counter() {
        return counter;
    }

    @Override
    public boolean admit(Channel raw) {
        InetAddress source = raw.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (source == null) {
            // a unix socket peer has no IP to count per source; the limits are about network clients
            connections.add(raw);
            return true;
        }
        String refused = limiter.acquire(source);
        if (refused != null) {
            refusedOverLimit((InetSocketAddress) raw.remoteAddress(), refused);
            return false;
        }
        raw.closeFuture().addListener(f -> limiter.release(source));
        connections.add(raw);
        return true;
    }

    @Override
    public void carried(Channel ch, InetSocketAddress src) {
        String from = (inbound.accessFromWithNetwork() ? "tcp:" : "") + Destination.of(Network.TCP, src).hostPort();
        Session s = new Session(EngineContext.newSessionId(), src, tag, from, policy);
        s.remoteFacing(inbound.remoteFacing());
        HandshakeDeadline.arm(ch, policy.handshake(), () -> log.info(s.id(), "proxy/" + config.protocol(),
                V2rayMessages.causedBy(V2rayMessages.FAILED_TO_READ_REQUEST,
                        "read tcp " + ch.localAddress() + "->" + src + ": i/o timeout")));
        if (counter != null) {
            ch.pipeline().addLast("vtool-stats", counter);
        }
        inbound.initConnection(ch, s);
    }

    /** One INFO line per second at most: a flood over the cap must not flood the log too. */
    private void refusedOverLimit(InetSocketAddress src, String limit) {
        long now = System.nanoTime();
        long last = lastLimitLog.get();
        if (now - last >= 1_000_000_000L && lastLimitLog.compareAndSet(last, now)) {
            log.info(0, "proxy/" + config.protocol(), "closed a connection from " + ListenFailure.hostPort(src)
                    + ": policy.limits." + limit + " reached (a vtool limit; raise it in the config if this is "
                    + "legitimate load)");
        }
    }
}
