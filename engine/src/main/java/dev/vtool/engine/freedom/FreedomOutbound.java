package dev.vtool.engine.freedom;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.dns.NameLookup;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.protocol.freedom.FreedomSettings;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Predicate;

/** Connects straight to the destination (or the configured {@code redirect}). */
final class FreedomOutbound implements OutboundHandler {
    private final FreedomSettings settings;
    private final String sendThrough;
    private final EngineContext context;

    FreedomOutbound(FreedomSettings settings, String sendThrough, EngineContext context) {
        this.settings = settings;
        this.sendThrough = sendThrough;
        this.context = context;
    }

    /** The destination after {@code redirect}: a redirect host and/or port replaces the original. */
    Destination target(Destination d) {
        String host = settings.redirectHost() != null ? settings.redirectHost() : d.host();
        int port = settings.redirectPort() != 0 ? settings.redirectPort() : d.port();
        return new Destination(d.network(), host, port);
    }

    Predicate<InetAddress> family() {
        return switch (settings.domainStrategy()) {
            case USE_IPV4 -> a -> a instanceof Inet4Address;
            case USE_IPV6 -> a -> a instanceof Inet6Address;
            default -> a -> true;
        };
    }

    /** Whether this session's destination must pass the private-address check (docs/spec/security.md 1.7). */
    boolean guards(Session session) {
        // a redirect host is the operator's choice, not the client's
        return session.remoteFacing() && !settings.allowPrivate() && settings.redirectHost() == null;
    }

    /** The one WARNING line of a refused destination (visible at the default loglevel); it names the key that allows it. */
    void logBlocked(Session session, Destination target, InetAddress address) {
        context.log().warning(session.id(), "proxy/freedom", "refused " + target + " (" + address.getHostAddress()
                + "): a remote client may not reach loopback, private or reserved addresses; set \"allowPrivate\": true"
                + " in this freedom outbound's settings to allow it");
    }

    /**
     * 4.34's UseIP/UseIPv4/UseIPv6: a domain target is looked up with V2Ray's DNS (the built-in DNS when
     * configured), and one of its addresses, chosen at random, is dialled; without an answer the domain is
     * dialled as it is. AsIs (and an IP target) passes through unchanged.
     */
    io.netty.util.concurrent.Future<Destination> useIp(Session session, Destination target, EventLoop loop) {
        if (settings.domainStrategy() == FreedomSettings.Strategy.AS_IS || !target.isDomain()) {
            return loop.newSucceededFuture(target);
        }
        NameLookup.Family family = switch (settings.domainStrategy()) {
            case USE_IPV4 -> NameLookup.Family.IPV4;
            case USE_IPV6 -> NameLookup.Family.IPV6;
            default -> sendThrough == null ? NameLookup.Family.ANY
                    : sendThrough.contains(":") ? NameLookup.Family.IPV6 : NameLookup.Family.IPV4;
        };
        io.netty.util.concurrent.Promise<Destination> p = loop.newPromise();
        context.names().lookup(target.host(), family, loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            List<InetAddress> ips = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
            if (ips.isEmpty()) {
                context.log().info(session.id(), "proxy/freedom", "failed to get IP address for domain "
                        + target.host() + (f.cause() == null ? "" : " > " + f.cause().getMessage()));
                p.trySuccess(target);
            } else {
                InetAddress ip = ips.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(ips.size()));
                p.trySuccess(target.withHost(ip.getHostAddress()));
            }
        });
        return p;
    }

    @Override
    public void dispatch(Session session, Link link) {
        useIp(session, target(session.destination()), link.eventLoop()).addListener(f -> {
            @SuppressWarnings("unchecked")
            Destination resolved = ((io.netty.util.concurrent.Future<Destination>) f).getNow();
            dispatchTo(session, link, resolved);
        });
    }

    private void dispatchTo(Session session, Link link, Destination target) {
        if (guards(session)) {
            dispatchChecked(session, link, target);
            return;
        }
        context.dialer().connect(link.eventLoop(), target.host(), target.port(), sendThrough, session.policy(),
                family()).addListener(f -> {
                    if (f.isSuccess()) {
                        context.log().debug(session.id(), "proxy/freedom", "dialing to " + target);
                        link.relayTo((Channel) f.getNow());
                    } else {
                        context.log().warning(session.id(), "app/proxyman/outbound",
                                "failed to process outbound traffic > v2ray.com/core/proxy/freedom: "
                                        + "failed to open connection to " + target + " > " + f.cause().getMessage());
                        link.close();
                    }
                });
    }

    /** Resolves once, drops blocked addresses, then dials exactly what is left. */
    private void dispatchChecked(Session session, Link link, Destination target) {
        InetAddress literal = target.ipOrNull();
        Future<List<InetAddress>> resolved = literal != null
                ? link.eventLoop().newSucceededFuture(List.of(literal))
                : context.dialer().resolver().resolve(target.host(), link.eventLoop());
        resolved.addListener(r -> {
            if (!r.isSuccess()) {
                fail(session, link, target, r.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetAddress> all = ((List<InetAddress>) r.getNow()).stream().filter(family()).toList();
            List<InetAddress> allowed = all.stream().filter(a -> !PrivateAddresses.isBlocked(a)).toList();
            if (allowed.isEmpty()) {
                if (all.isEmpty()) {
                    fail(session, link, target, new java.net.UnknownHostException("lookup " + target.host()
                            + ": no suitable address"));
                } else {
                    logBlocked(session, target, all.get(0));
                    link.close();
                }
                return;
            }
            context.dialer().connect(link.eventLoop(), target.host(), allowed, target.port(), sendThrough,
                            session.policy())
                    .addListener(f -> {
                        if (f.isSuccess()) {
                            link.relayTo((Channel) f.getNow());
                        } else {
                            fail(session, link, target, f.cause());
                        }
                    });
        });
    }

    private void fail(Session session, Link link, Destination target, Throwable cause) {
        context.log().warning(session.id(), "app/proxyman/outbound",
                "failed to process outbound traffic > v2ray.com/core/proxy/freedom: "
                        + "failed to open connection to " + target + " > " + cause.getMessage());
        link.close();
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        return new FreedomPackets(context, loop, session, back, this);
    }
}
