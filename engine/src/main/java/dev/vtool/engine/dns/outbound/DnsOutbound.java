package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.dns.BuiltInDns;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.protocol.dns.DnsOutboundSettings;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * 4.34's DNS outbound: on UDP, A and AAAA queries are answered from V2Ray's DNS (the built-in DNS when
 * configured) and every other query is forwarded to the server; the built-in DNS's own queries (its tag)
 * are always forwarded, so they cannot loop back into it. A TCP stream is forwarded to the server as it is.
 */
final class DnsOutbound implements OutboundHandler {
    private final DnsOutboundSettings settings;
    private final EngineContext context;

    DnsOutbound(DnsOutboundSettings settings, EngineContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** Where queries go that are not answered here: the destination with the settings' overrides. */
    Destination server(Destination d) {
        return new Destination(settings.network() != null ? settings.network() : d.network(),
                settings.address() != null ? settings.address() : d.host(),
                settings.port() != 0 ? settings.port() : d.port());
    }

    /** 4.34's isOwnLink: the built-in DNS's own traffic carries its tag as inbound tag. */
    boolean ownLink(Session session) {
        return context.names() instanceof BuiltInDns dns && dns.tag().equals(session.inboundTag());
    }

    @Override
    public void dispatch(Session session, Link link) {
        Destination to = server(session.destination());
        context.log().info(session.id(), "proxy/dns", "handling DNS traffic to " + to);
        context.dialer().connect(link.eventLoop(), to.host(), to.port(), null, session.policy()).addListener(f -> {
            if (f.isSuccess()) {
                link.relayTo((Channel) f.getNow());
            } else {
                context.log().warning(session.id(), "proxy/dns", "failed to dial outbound connection > "
                        + f.cause().getMessage());
                link.close();
            }
        });
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        context.log().info(session.id(), "proxy/dns", "handling DNS traffic to " + server(session.destination()));
        return new DnsPackets(this, context, session, loop, back);
    }
}
