package dev.vtool.engine;

import dev.vtool.engine.dns.NameLookup;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.mux.MuxServer;
import dev.vtool.engine.routing.Router;
import dev.vtool.engine.routing.RoutingContext;
import dev.vtool.engine.sniff.SniffResult;
import dev.vtool.engine.sniff.Sniffer;
import dev.vtool.engine.stats.StatsCounters;
import dev.vtool.engine.stats.UserCountedPackets;
import dev.vtool.engine.stats.UserCountingLink;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.Sniffing;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The whole path of a connection after its inbound handshake, in one place:
 * <ol>
 *   <li>sniff the first bytes (if the inbound enables it) and override the destination domain,</li>
 *   <li>ask the router for an outbound tag (resolving the domain first when the strategy says so),</li>
 *   <li>write the access-log line and hand the stream to the outbound.</li>
 * </ol>
 * Log lines use V2Ray's words ({@code taking detour [..] for [..]}, {@code default route for ..}).
 */
public final class Dispatcher {
    private static final String PKG = "app/dispatcher";
    private final Router router;
    private final OutboundTable outbounds;
    private final Map<String, Sniffing> sniffingByInbound;
    private final NameLookup names;
    private final EngineLog log;
    /** Null without a {@code stats} section. */
    private final StatsCounters stats;
    private final MuxServer mux;

    /** Fixed outbounds, no counters (tests). */
    Dispatcher(Router router, Map<String, OutboundHandler> byTag, OutboundHandler defaultOutbound, String defaultTag,
               Map<String, Sniffing> sniffingByInbound, NameLookup names, EngineLog log) {
        this(router, OutboundTable.of(byTag, defaultOutbound, defaultTag), sniffingByInbound, names, log, null);
    }

    Dispatcher(Router router, OutboundTable outbounds, Map<String, Sniffing> sniffingByInbound, NameLookup names,
               EngineLog log, StatsCounters stats) {
        this.router = router;
        this.outbounds = outbounds;
        this.stats = stats;
        this.sniffingByInbound = sniffingByInbound;
        this.names = names;
        this.log = log;
        this.mux = new MuxServer(this, log);
    }

    /** Dispatches a TCP stream whose destination is set in the session. */
    public void dispatch(Session session, Link link) {
        if (MuxServer.carries(session.destination())) {
            // as in 4.34, every inbound's dispatcher recognises a Mux.cool carrier by its destination
            mux.serve(session, link);
            return;
        }
        Sniffing sniffing = sniffingByInbound.getOrDefault(session.inboundTag(), Sniffing.OFF);
        if (!sniffing.enabled() || session.destination().network() != Network.TCP) {
            route(session, link);
            return;
        }
        link.peek(Sniffer.MAX_BYTES, Sniffer.WAIT_MILLIS,
                buf -> Sniffer.sniff(buf).status() != SniffResult.Status.NEED_MORE,
                buf -> {
                    SniffResult result = buf.isReadable() ? Sniffer.sniff(buf) : SniffResult.NOT_THIS;
                    if (result.found()) {
                        session.sniffedProtocol(result.protocol());
                        if (overrides(sniffing, result.protocol())) {
                            log.info(session.id(), PKG, "sniffed domain: " + result.domain());
                            session.destination(session.destination().withHost(result.domain()));
                        }
                    }
                    route(session, link);
                });
    }

    private static boolean overrides(Sniffing sniffing, String protocol) {
        for (String p : sniffing.destOverride()) {
            if (protocol.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private void route(Session session, Link link) {
        RoutingContext ctx = context(session);
        switch (router.plan(ctx)) {
            case NONE -> deliver(session, link, router.pick(ctx));
            case BEFORE_MATCH -> names.lookup(ctx.domain(), NameLookup.Family.ANY, link.eventLoop()).addListener(f -> {
                @SuppressWarnings("unchecked")
                List<InetAddress> ips = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
                logResolveFailure(session, ctx.domain(), f.cause());
                deliver(session, link, router.pick(ctx.withTargetIps(ips)));
            });
            case IF_NO_MATCH -> {
                String tag = router.pick(ctx);
                if (tag != null) {
                    deliver(session, link, tag);
                    return;
                }
                names.lookup(ctx.domain(), NameLookup.Family.ANY, link.eventLoop()).addListener(f -> {
                    logResolveFailure(session, ctx.domain(), f.cause());
                    @SuppressWarnings("unchecked")
                    List<InetAddress> ips = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
                    deliver(session, link, ips.isEmpty() ? null : router.pickWithIps(ctx, ips));
                });
            }
        }
    }

    private void logResolveFailure(Session session, String domain, Throwable cause) {
        if (cause != null) {
            log.info(session.id(), "app/router", "resolve ip for " + domain + " > " + cause.getMessage());
        }
    }

    private RoutingContext context(Session session) {
        Destination d = session.destination();
        InetAddress ip = d.ipOrNull();
        InetAddress src = session.source() == null ? null : session.source().getAddress();
        return new RoutingContext(d.network(), ip == null ? d.host() : null, ip == null ? List.of() : List.of(ip),
                d.port(), src, session.source() == null ? 0 : session.source().getPort(), session.inboundTag(),
                session.userEmail(), session.sniffedProtocol(), session.attributes());
    }

    private record Choice(OutboundHandler handler, String tag) {
    }

    private Choice choose(Session session, String tag) {
        Destination d = session.destination();
        if (tag != null) {
            OutboundHandler h = outbounds.get(tag);
            if (h != null) {
                if (log.enabled(LogLevel.INFO)) { // the line is built only when it is written
                    log.info(session.id(), PKG, "taking detour [" + tag + "] for [" + d + "]");
                }
                return new Choice(h, tag);
            }
            log.warning(session.id(), PKG, "non existing tag: " + tag);
        } else if (log.enabled(LogLevel.INFO)) {
            log.info(session.id(), PKG, "default route for " + d);
        }
        return new Choice(outbounds.defaultHandler(), outbounds.defaultTag());
    }

    private void deliver(Session session, Link link, String tag) {
        Choice c = choose(session, tag);
        if (c.handler() == null) {
            log.info(session.id(), PKG, "default outbound handler not exist");
            link.close();
            return;
        }
        access(session, c.tag());
        try {
            c.handler().dispatch(session, countedForUser(session, link));
        } catch (RuntimeException e) {
            log.warning(session.id(), PKG, "failed to dispatch to [" + c.tag() + "] > " + e);
            link.close();
        }
    }

    /** 4.34's user counters: payload of users with an email whose level has statsUser* on. */
    private Link countedForUser(Session session, Link link) {
        LevelPolicy p = session.policy();
        if (stats == null || session.userEmail().isEmpty() || !(p.statsUserUplink() || p.statsUserDownlink())) {
            return link;
        }
        String email = session.userEmail();
        return new UserCountingLink(link, stats.handler(p.statsUserDownlink() ? StatsCounters.user(email, false) : null,
                p.statsUserUplink() ? StatsCounters.user(email, true) : null));
    }

    /** A UDP flow with 4.34's user counters on its payload, as {@link #countedForUser(Session, Link)}. */
    private PacketConnection countedForUser(Session session, OutboundHandler handler, io.netty.channel.EventLoop loop,
                                            PacketReceiver back) throws EngineException {
        LevelPolicy p = session.policy();
        if (stats == null || session.userEmail().isEmpty() || !(p.statsUserUplink() || p.statsUserDownlink())) {
            return handler.openPackets(session, loop, back);
        }
        String email = session.userEmail();
        PacketReceiver counted = UserCountedPackets.receiver(back,
                p.statsUserDownlink() ? stats.counter(StatsCounters.user(email, false)) : null);
        return UserCountedPackets.sending(handler.openPackets(session, loop, counted),
                p.statsUserUplink() ? stats.counter(StatsCounters.user(email, true)) : null);
    }

    /** The access-log line; the built-in DNS's own queries (no client) have none, as in 4.34. */
    private void access(Session session, String tag) {
        if (session.accessFrom() != null && log.accessEnabled()) {
            log.access(session.accessFrom(), true, session.destination().toString(), tag, "", session.userEmail());
        }
    }

    /**
     * Routes a UDP flow by its first destination and opens it through the chosen outbound; null when it
     * cannot be carried (the reason is logged). When routing must resolve the destination first, the flow
     * is returned at once and holds its first datagrams until the lookup ends: the caller's event loop
     * never waits for DNS.
     */
    public PacketConnection dispatchPackets(Session session, io.netty.channel.EventLoop loop, PacketReceiver back) {
        RoutingContext ctx = context(session);
        Router.ResolvePlan plan = router.plan(ctx);
        if (plan == Router.ResolvePlan.NONE || IpText.isIpLiteral(ctx.domain())) {
            return open(session, loop, back, router.pick(ctx));
        }
        if (plan == Router.ResolvePlan.IF_NO_MATCH) {
            String tag = router.pick(ctx);
            if (tag != null) {
                return open(session, loop, back, tag);
            }
        }
        PendingPackets pending = new PendingPackets();
        names.lookup(ctx.domain(), NameLookup.Family.ANY, loop).addListener(f -> {
            logResolveFailure(session, ctx.domain(), f.cause());
            @SuppressWarnings("unchecked")
            List<InetAddress> ips = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
            String tag = plan == Router.ResolvePlan.BEFORE_MATCH ? router.pick(ctx.withTargetIps(ips))
                    : ips.isEmpty() ? null : router.pickWithIps(ctx, ips);
            pending.resolved(open(session, loop, back, tag));
        });
        return pending;
    }

    private PacketConnection open(Session session, io.netty.channel.EventLoop loop, PacketReceiver back, String tag) {
        Choice c = choose(session, tag);
        if (c.handler() == null) {
            log.info(session.id(), PKG, "default outbound handler not exist");
            return null;
        }
        access(session, c.tag());
        try {
            return countedForUser(session, c.handler(), loop, back);
        } catch (EngineException e) {
            log.info(session.id(), "app/proxyman/outbound", "failed to process outbound traffic > " + e.getMessage());
            return null;
        }
    }
}
