package dev.vtool.engine.vmess.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.CarriedPackets;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.util.function.Consumer;

/**
 * UDP through the vmess outbound: one VMess connection (command 2) per destination, each datagram one chunk
 * (the body codec frames it, so a datagram is the connection's payload as it is).
 */
final class VmessPackets implements CarriedPackets.Carrier {
    private final VmessOutbound outbound;
    private final Session session;
    private final EventLoop loop;

    private VmessPackets(VmessOutbound outbound, Session session, EventLoop loop) {
        this.outbound = outbound;
        this.session = session;
        this.loop = loop;
    }

    static PacketConnection open(VmessOutbound outbound, Session session, EventLoop loop, PacketReceiver back) {
        return new CarriedPackets(new VmessPackets(outbound, session, loop), true,
                session.policy().connIdle().toSeconds(), loop, back);
    }

    @Override
    public void dial(Consumer<Channel> done) {
        outbound.connect(session, loop, 0, done);
    }

    @Override
    public boolean install(Channel ch, Destination first, ChannelHandler answers) {
        try {
            outbound.install(session, ch, RequestCommand.UDP, first, (ChannelInboundHandlerAdapter) answers);
            return true;
        } catch (VmessException e) {
            return false;
        }
    }

    @Override
    public Object frame(ByteBufAllocator alloc, Destination to, ByteBuf payload) {
        return payload;
    }

    /** The response decoder hands over one chunk per read: one whole datagram. */
    @Override
    public void decode(ByteBuf in, Destination carried, PacketReceiver back) {
        back.received(CarriedPackets.source(carried), in.readRetainedSlice(in.readableBytes()));
    }
}
