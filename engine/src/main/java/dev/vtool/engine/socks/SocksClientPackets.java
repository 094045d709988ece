package dev.vtool.engine.socks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.transport.RelayedPackets;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.ProxyServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A UDP flow through a SOCKS5 server: UDP ASSOCIATE on a TCP control connection, then datagrams with the
 * SOCKS UDP header to the relay address the server announced (its control address when it announced
 * none). The flow ends when the control connection closes, and closes it.
 */
final class SocksClientPackets implements RelayedPackets.Framing {
    private SocksClientPackets() {
    }

    static PacketConnection open(EngineContext context, Session session, EventLoop loop, PacketReceiver back,
                                 ProxyServer server, String sendThrough) {
        RelayedPackets flow = new RelayedPackets(context, session, loop, back, "proxy/socks", new SocksClientPackets());
        context.dialer().connect(loop, server.address(), server.port(), sendThrough, session.policy())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        flow.fail("failed to find an available destination > " + f.cause().getMessage());
                        return;
                    }
                    Channel control = (Channel) f.getNow();
                    flow.onClose(control::close);
                    SocksClientHandshake hs = new SocksClientHandshake(server,
                            new Destination(Network.UDP, "0.0.0.0", 0), SocksClientHandshake.UDP_ASSOCIATE);
                    control.pipeline().addLast("socks-client", hs);
                    control.closeFuture().addListener(x -> flow.close());
                    hs.result().addListener(r -> {
                        if (!r.isSuccess()) {
                            flow.fail("failed to establish connection to server > v2ray.com/core/proxy/socks: "
                                    + r.cause().getMessage());
                            return;
                        }
                        Destination b = hs.bound();
                        InetAddress addr = b.ipOrNull();
                        if (addr == null || addr.isAnyLocalAddress()) {
                            addr = ipOf(control.remoteAddress());
                        }
                        flow.open(new InetSocketAddress(addr, b.port()),
                                new InetSocketAddress(ipOf(control.localAddress()), 0), false);
                    });
                    control.config().setAutoRead(true);
                    hs.start(control);
                });
        return flow;
    }

    /** A control connection carried by a proxySettings chain is a unix socket: loopback stands in for its IP. */
    private static InetAddress ipOf(java.net.SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress() : InetAddress.getLoopbackAddress();
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc, Destination to, ByteBuf payload) {
        ByteBuf out = alloc.buffer(payload.readableBytes() + 22);
        SocksAddress.writeUdpHeader(out, to);
        out.writeBytes(payload);
        return out;
    }

    @Override
    public void decode(ByteBufAllocator alloc, ByteBuf in, PacketReceiver back) {
        Destination from = SocksAddress.readUdpHeader(in);
        if (from != null) {
            back.received(new InetSocketAddress(from.host(), from.port()), in.retain());
        }
    }
}
