package dev.vtool.engine.dokodemo;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.UdpFlowTable;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.dokodemo.DokodemoSettings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * dokodemo-door's UDP socket: one flow per client and destination (4.34's UDP worker keys them so). The
 * destination is the fixed one, or with {@code followRedirect} the datagram's original destination
 * (IP_RECVORIGDSTADDR); answers to such a datagram go out from that destination's address through a
 * transparent socket, so that the client sees them come from where it sent (4.34's "UDP forging").
 */
final class DokodemoPackets extends SimpleChannelInboundHandler<DatagramPacket> {
    private record FlowKey(InetSocketAddress client, InetSocketAddress destination) {
    }

    private final DokodemoSettings settings;
    private final EngineContext context;
    private final String tag;
    private final LevelPolicy policy;
    private final UdpFlowTable<FlowKey> flows;

    DokodemoPackets(DokodemoSettings settings, EngineContext context, String tag) {
        this.settings = settings;
        this.context = context;
        this.tag = tag;
        this.policy = context.policy(settings.userLevel());
        this.flows = new UdpFlowTable<>(context.limits(), policy.connIdle());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long every = flows.sweepMillis();
        ctx.executor().scheduleAtFixedRate(flows::sweep, every, every, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
        InetSocketAddress client = p.sender();
        InetSocketAddress original = originalDestination(ctx, p);
        Destination dest;
        if (original != null) {
            dest = Destination.of(Network.UDP, original);
        } else if (settings.address() == null || settings.address().isEmpty()) {
            return;
        } else {
            dest = new Destination(Network.UDP, settings.address(), settings.port());
        }
        FlowKey key = new FlowKey(client, original);
        PacketConnection pc = flows.get(key);
        if (pc == null) {
            pc = open(ctx, client, original, dest);
            if (pc == null) {
                return;
            }
            flows.put(key, client.getAddress(), pc);
        }
        ByteBuf data = p.content().retain();
        pc.send(dest, data);
    }

    /** The datagram's original destination under followRedirect, or null when it was sent to this socket. */
    private InetSocketAddress originalDestination(ChannelHandlerContext ctx, DatagramPacket p) {
        if (!settings.followRedirect()) {
            return null;
        }
        InetSocketAddress to = p.recipient();
        if (to == null || to.getPort() == 0 || to.equals(ctx.channel().localAddress())) {
            return null; // no IP_ORIGDSTADDR: Netty reports the socket's own address
        }
        return to;
    }

    private PacketConnection open(ChannelHandlerContext ctx, InetSocketAddress client, InetSocketAddress original,
                                  Destination dest) {
        if (flows.refusal(client.getAddress()) != null) {
            return null; // over policy.limits: dropped like a datagram lost on the way
        }
        Session s = new Session(EngineContext.newSessionId(), client, tag,
                Destination.of(Network.UDP, client).hostPort(), policy);
        s.destination(dest);
        EventLoop loop = (EventLoop) ctx.executor();
        if (original == null) {
            return context.dispatcher().dispatchPackets(s, loop,
                    (from, payload) -> ctx.writeAndFlush(new DatagramPacket(payload, client)));
        }
        TransparentReply reply = new TransparentReply(loop, original, client, context.log(), s.id());
        PacketConnection pc = context.dispatcher().dispatchPackets(s, loop, reply);
        if (pc == null) {
            reply.close();
            return null;
        }
        reply.forwardTo(pc, dest);
        return new PacketConnection() {
            @Override
            public void send(Destination destination, ByteBuf payload) {
                pc.send(destination, payload);
            }

            @Override
            public boolean isOpen() {
                return pc.isOpen();
            }

            @Override
            public void close() {
                pc.close();
                reply.close();
            }
        };
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        flows.closeAll();
    }
}
