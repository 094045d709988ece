package dev.vtool.engine.trojan;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.CarriedPackets;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.wire.GluedHeaderEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import java.util.function.Consumer;

/**
 * UDP through the trojan outbound: one Trojan connection (command 3) carries the datagrams of the flow to
 * every destination, each framed with its address; answers come back framed with their source. When that
 * connection ends, the flow ends.
 */
final class TrojanPackets implements CarriedPackets.Carrier {
    private final TrojanOutbound outbound;
    private final Session session;
    private final EventLoop loop;
    /** The server the one connection was dialled to (its key goes into the request). */
    private TrojanOutbound.Server server;

    private TrojanPackets(TrojanOutbound outbound, Session session, EventLoop loop) {
        this.outbound = outbound;
        this.session = session;
        this.loop = loop;
    }

    static PacketConnection open(TrojanOutbound outbound, Session session, EventLoop loop, PacketReceiver back) {
        return new CarriedPackets(new TrojanPackets(outbound, session, loop), false,
                session.policy().connIdle().toSeconds(), loop, back);
    }

    @Override
    public void dial(Consumer<Channel> done) {
        outbound.connect(session, loop, 0, (s, ch) -> {
            server = s;
            done.accept(ch);
        });
    }

    @Override
    public boolean install(Channel ch, Destination first, ChannelHandler answers) {
        ch.pipeline().addLast("trojan-request", GluedHeaderEncoder.request(TrojanRequest.encode(ch.alloc(), server.key(),
                TrojanRequest.UDP_ASSOCIATE, first)));
        ch.pipeline().addLast("trojan-packets", answers);
        return true;
    }

    @Override
    public Object frame(ByteBufAllocator alloc, Destination to, ByteBuf payload) {
        return TrojanUdpFrame.encode(alloc, to, payload);
    }

    @Override
    public void decode(ByteBuf in, Destination carried, PacketReceiver back) {
        TrojanUdpFrame.decode(in, (from, payload) -> back.received(CarriedPackets.source(from), payload));
    }
}
