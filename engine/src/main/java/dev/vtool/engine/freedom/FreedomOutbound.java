package dev.vtool.engine.freedom;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.model.FreedomSettings;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
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

    @Override
    public void dispatch(Session session, Link link) {
        Destination target = target(session.destination());
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

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        return new FreedomPackets(context, loop, session, back, this);
    }
}
