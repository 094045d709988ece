package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.transport.RelayedPackets;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A UDP flow through a Shadowsocks server: each datagram sealed with a fresh salt and sent to the server's
 * port; answers (only the server's) are opened and handed back as coming from the address in their header.
 * The server's name is resolved without blocking.
 */
final class SsClientPackets implements RelayedPackets.Framing {
    private final SsPacketCodec codec;

    private SsClientPackets(SsPacketCodec codec) {
        this.codec = codec;
    }

    static PacketConnection open(EngineContext context, Session session, EventLoop loop, PacketReceiver back,
                                 ShadowsocksServer config, SsPacketCodec codec, String sendThrough) {
        RelayedPackets flow = new RelayedPackets(context, session, loop, back, ShadowsocksOutbound.PKG,
                new SsClientPackets(codec));
        InetSocketAddress local = sendThrough != null && IpText.isIpLiteral(sendThrough)
                ? new InetSocketAddress(sendThrough, 0) : new InetSocketAddress(0);
        context.dialer().resolver().resolve(config.address(), loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            List<InetAddress> ips = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
            if (ips.isEmpty()) {
                flow.fail("failed to resolve " + config.address()
                        + (f.cause() == null ? "" : " > " + f.cause().getMessage()));
                return;
            }
            flow.open(new InetSocketAddress(ips.get(0), config.port()), local, true);
        });
        return flow;
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc, Destination to, ByteBuf payload) throws SsException {
        return codec.encode(to, payload, alloc);
    }

    @Override
    public void decode(ByteBufAllocator alloc, ByteBuf in, PacketReceiver back) throws SsException {
        SsPacketCodec.Packet answer = codec.decode(in, alloc);
        Destination from = answer.address();
        InetAddress ip = from.ipOrNull();
        back.received(ip != null ? new InetSocketAddress(ip, from.port())
                : InetSocketAddress.createUnresolved(from.host(), from.port()), answer.payload());
    }
}
