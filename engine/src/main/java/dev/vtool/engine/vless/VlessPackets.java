package dev.vtool.engine.vless;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.CarriedPackets;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import java.util.function.Consumer;

/** UDP through the vless outbound: one VLESS connection (command 2) per destination, as the framing has no address. */
final class VlessPackets implements CarriedPackets.Carrier {
    private final VlessOutbound outbound;
    private final Session session;
    private final EventLoop loop;

    private VlessPackets(VlessOutbound outbound, Session session, EventLoop loop) {
        this.outbound = outbound;
        this.session = session;
        this.loop = loop;
    }

    static PacketConnection open(VlessOutbound outbound, Session session, EventLoop loop, PacketReceiver back) {
        return new CarriedPackets(new VlessPackets(outbound, session, loop), true,
                session.policy().connIdle().toSeconds(), loop, back);
    }

    @Override
    public void dial(Consumer<Channel> done) {
        outbound.connect(session, loop, 0, done);
    }

    @Override
    public boolean install(Channel ch, Destination first, ChannelHandler answers) {
        outbound.install(session, ch, VlessRequest.UDP, first);
        ch.pipeline().addLast("vless-packets", answers);
        return true;
    }

    @Override
    public Object frame(ByteBufAllocator alloc, Destination to, ByteBuf payload) {
        return VlessUdpFrame.encode(alloc, payload);
    }

    @Override
    public void decode(ByteBuf in, Destination carried, PacketReceiver back) {
        VlessUdpFrame.decode(in, payload -> back.received(CarriedPackets.source(carried), payload));
    }
}
