package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.dns.BuiltInDns;
import dev.vtool.engine.dns.DnsFailure;
import dev.vtool.engine.dns.DnsWire;
import dev.vtool.engine.dns.NameLookup;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.dns.DnsOutboundSettings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * 4.34's DNS outbound: A and AAAA queries are answered from V2Ray's DNS (the built-in DNS when configured),
 * on UDP (one message per datagram) and on TCP (2-byte length prefixes) alike, and every other query is
 * forwarded to the server over the server's network; the built-in DNS's own queries (its tag) are always
 * forwarded, so they cannot loop back into it. A TCP stream that is not a plain connection (a Mux.cool
 * session, an HTTP request being forwarded) is relayed to the server as it is.
 */
final class DnsOutbound implements OutboundHandler {
    private static final int MAX_MESSAGE = 65535;
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

    /** The A or AAAA question of {@code message} when it is answered here, else null (left for the server). */
    DnsWire.Query ipQuery(Session session, ByteBuf message) {
        DnsWire.Query q = ownLink(session) ? null : DnsWire.question(message);
        return q != null && (q.type() == DnsWire.TYPE_A || q.type() == DnsWire.TYPE_AAAA) ? q : null;
    }

    /**
     * Answers an A/AAAA question from V2Ray's DNS (TTL 600, as 4.34 answers them) through {@code reply}; when
     * the lookup has neither addresses nor an error code, 4.34 writes no answer at all: {@code none} runs.
     */
    void answer(Session session, DnsWire.Query q, EventLoop loop, Consumer<ByteBuf> reply, Runnable none) {
        NameLookup.Family family = q.type() == DnsWire.TYPE_A ? NameLookup.Family.IPV4 : NameLookup.Family.IPV6;
        context.names().lookup(q.name(), family, loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            List<InetAddress> ips = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
            int rcode = f.cause() instanceof DnsFailure d ? d.rcode() : 0;
            boolean empty = f.cause() instanceof DnsFailure d && d.kind() == DnsFailure.Kind.EMPTY;
            if (rcode == 0 && ips.isEmpty() && !empty) {
                context.log().info(session.id(), "proxy/dns", "ip query > "
                        + (f.cause() == null ? "no address" : f.cause().getMessage()));
                none.run();
                return;
            }
            reply.accept(DnsWire.answer(q.id(), q.name(), q.type(), rcode, ips));
        });
    }

    /** The way to the server for one client: UDP or TCP by the server's network, as in 4.34. */
    DnsUpstream upstream(Destination server, Session session, EventLoop loop, DnsUpstream.Answers answers) {
        return server.network() == Network.TCP ? new TcpUpstream(context, session, loop, answers)
                : new UdpUpstream(context, session, loop, answers);
    }

    void connectionEnds(Session session, Throwable cause) {
        context.log().info(session.id(), "proxy/dns", "connection ends > " + cause.getMessage());
    }

    @Override
    public void dispatch(Session session, Link link) {
        Destination to = server(session.destination());
        context.log().info(session.id(), "proxy/dns", "handling DNS traffic to " + to);
        if (link instanceof ChannelLink channelLink) {
            if (!link.eventLoop().inEventLoop()) {
                link.eventLoop().execute(() -> serve(session, channelLink));
            } else {
                serve(session, channelLink);
            }
            return;
        }
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

    /** Reads the client's length-prefixed messages itself, as 4.34's TCPReader does. */
    private void serve(Session session, ChannelLink link) {
        long idle = Math.max(1, session.policy().connIdle().toSeconds());
        if (!link.attach(new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS),
                new LengthFieldBasedFrameDecoder(MAX_MESSAGE + 2, 0, 2, 0, 2), new DnsStream(this, session))) {
            link.close();
        }
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        context.log().info(session.id(), "proxy/dns", "handling DNS traffic to " + server(session.destination()));
        return new DnsPackets(this, session, loop, back);
    }
}
