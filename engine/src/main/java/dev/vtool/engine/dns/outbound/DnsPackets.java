package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.dns.DnsWire;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One UDP flow through the DNS outbound: each datagram is one DNS message. A and AAAA questions are
 * answered here, the rest goes to the server (over UDP or TCP, by the server's network), whose answers go
 * back to the client. Used on one event loop.
 */
final class DnsPackets implements PacketConnection {
    private final DnsOutbound outbound;
    private final Session session;
    private final EventLoop loop;
    private final PacketReceiver back;
    private DnsUpstream upstream;
    private boolean closed;

    DnsPackets(DnsOutbound outbound, Session session, EventLoop loop, PacketReceiver back) {
        this.outbound = outbound;
        this.session = session;
        this.loop = loop;
        this.back = back;
    }

    @Override
    public void send(Destination destination, ByteBuf payload) {
        if (closed) {
            payload.release();
            return;
        }
        DnsWire.Query q = outbound.ipQuery(session, payload);
        if (q != null) {
            payload.release();
            outbound.answer(session, q, loop, answer -> {
                if (closed) {
                    answer.release();
                } else {
                    back.received(from(destination), answer);
                }
            }, () -> { });
            return;
        }
        Destination server = outbound.server(destination);
        if (upstream == null) {
            upstream = outbound.upstream(server, session, loop, back::received);
        }
        upstream.forward(server, payload);
    }

    /** The address the client sent its query to, which its answer comes from. */
    private static InetSocketAddress from(Destination d) {
        InetAddress ip = d.ipOrNull();
        return ip != null ? new InetSocketAddress(ip, d.port()) : InetSocketAddress.createUnresolved(d.host(), d.port());
    }

    @Override
    public boolean isOpen() {
        return !closed && (upstream == null || upstream.isOpen());
    }

    @Override
    public void close() {
        closed = true;
        if (upstream != null) {
            upstream.close();
        }
    }
}
