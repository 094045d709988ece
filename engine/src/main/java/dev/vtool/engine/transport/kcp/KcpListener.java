package dev.vtool.engine.transport.kcp;

import dev.vtool.engine.transport.PacketHeader;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.schema.transport.kcp.KcpSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server side of an mKCP inbound on its UDP socket: strips the header, opens the envelope, and hands
 * the segments to the session of (source address, conv of the first segment), making a new session for an
 * unknown key unless its first segment is TERMINATE, as 4.34's listener does. Datagrams that do not open
 * or hold no segment are dropped silently. One header object serves all sessions of the listener.
 */
final class KcpListener extends SimpleChannelInboundHandler<DatagramPacket> {
    /** A cap on live sessions: the simple authenticator is only a checksum, so anyone can open sessions. */
    private static final int MAX_SESSIONS = 4096;
    /** 4.34 reads into 2048-byte buffers: a larger datagram is not one of its peers'. */
    private static final int MAX_DATAGRAM = 2048;

    private record Key(InetSocketAddress source, int conv) {
    }

    private final ListenRequest request;
    private final KcpParams params;
    private final PacketHeader header;
    private final KcpEnvelope envelope;
    private final Map<Key, KcpConnection> sessions = new HashMap<>();

    KcpListener(ListenRequest request) {
        this.request = request;
        KcpSettings s = (KcpSettings) request.settings().transport();
        this.header = PacketHeader.of(s.headerType());
        this.envelope = KcpEnvelope.of(s.seed());
        this.params = KcpParams.of(s, header.size(), envelope.overhead());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        if (length <= header.size() || length > MAX_DATAGRAM) {
            return;
        }
        byte[] bytes = new byte[length];
        content.getBytes(content.readerIndex(), bytes);
        byte[] opened = envelope.open(bytes, header.size(), length - header.size());
        if (opened == null) {
            return;
        }
        List<KcpSegment> segments = KcpSegment.parseAll(opened, 0, opened.length);
        if (segments.isEmpty()) {
            return;
        }
        KcpSegment first = segments.get(0);
        Key key = new Key(packet.sender(), first.conv());
        KcpConnection c = sessions.get(key);
        if (c == null) {
            if (first instanceof KcpSegment.Cmd cmd && cmd.command() == KcpSegment.CMD_TERMINATE
                    || sessions.size() >= MAX_SESSIONS) {
                return;
            }
            c = accept(ctx, key);
            if (c == null) {
                return;
            }
        }
        c.input(segments);
    }

    private KcpConnection accept(ChannelHandlerContext ctx, Key key) {
        Channel udp = ctx.channel();
        KcpConnection c = new KcpConnection(udp.eventLoop(), key.conv(), params, header, envelope,
                d -> udp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(d), key.source()), udp.voidPromise()),
                () -> sessions.remove(key));
        sessions.put(key, c);
        KcpChannel ch = new KcpChannel(udp, c, params, udp.localAddress(), key.source());
        udp.eventLoop().register(ch);
        if (!request.acceptor().admit(ch)) {
            ch.close();
            c.abort();
            return null;
        }
        if (request.security() != null) {
            request.security().server(ch, request.settings().security(), KcpTransport.DEFAULT_ALPN);
        }
        request.acceptor().carried(ch, key.source());
        return c;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (KcpConnection c : List.copyOf(sessions.values())) {
            c.abort();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // an ICMP error on one peer's address must not stop the listener
    }
}
