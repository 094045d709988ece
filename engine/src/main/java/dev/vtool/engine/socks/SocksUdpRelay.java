package dev.vtool.engine.socks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.UdpFlowTable;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The UDP side of SOCKS5 UDP ASSOCIATE: unwraps each client datagram (RSV RSV FRAG ATYP ADDR PORT DATA),
 * sends the data through the routed outbound — one flow per client address and destination, as V2Ray's
 * UDP dispatcher keeps them — and wraps answers with the same header. Fragments are dropped like V2Ray does.
 * Only clients with an open UDP ASSOCIATE are served, and flows are capped by {@code policy.limits}.
 */
final class SocksUdpRelay extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final String PKG = "proxy/socks";
    private final EngineContext context;
    private final String inboundTag;
    private final LevelPolicy policy;
    private final UdpAssociations associations;
    private final UdpFlowTable<String> flows;
    private long lastDropLog = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);

    SocksUdpRelay(EngineContext context, String inboundTag, LevelPolicy policy, UdpAssociations associations) {
        this.context = context;
        this.associations = associations;
        this.inboundTag = inboundTag;
        this.policy = policy;
        this.flows = new UdpFlowTable<>(context.limits(), policy.connIdle());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long every = flows.sweepMillis();
        ctx.executor().scheduleAtFixedRate(flows::sweep, every, every, TimeUnit.MILLISECONDS);
        // RFC 1928 section 7: the relay for a client ends with the TCP connection of its association
        associations.whenLastClosed(client -> ctx.executor().execute(() -> flows.closeFrom(client)));
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf in = packet.content();
        InetSocketAddress client = packet.sender();
        if (!associations.allows(client.getAddress())) {
            dropped(client, "no UDP ASSOCIATE from this client is open (vtool follows RFC 1928 section 7)");
            return;
        }
        Destination dest;
        try {
            dest = SocksAddress.readUdpHeader(in);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            context.log().info(0, PKG, "failed to parse UDP request > " + e.getMessage());
            return;
        }
        if (dest == null) {
            context.log().info(0, PKG, "discarding fragmented payload.");
            return;
        }
        String key = client + "|" + dest;
        PacketConnection flow = flows.get(key);
        if (flow == null) {
            String refused = flows.refusal(client.getAddress());
            if (refused != null) {
                dropped(client, "policy.limits." + refused + " reached (a vtool limit)");
                return;
            }
            Session s = new Session(EngineContext.newSessionId(), client, inboundTag,
                    Destination.of(Network.UDP, client).toString(), policy);
            s.destination(dest);
            context.log().info(s.id(), PKG, "client UDP connection from " + Destination.of(Network.UDP, client));
            flow = context.dispatcher().dispatchPackets(s, (io.netty.channel.EventLoop) ctx.executor(),
                    (from, payload) -> {
                        ByteBuf out = ctx.alloc().buffer(payload.readableBytes() + 22);
                        SocksAddress.writeUdpHeader(out, Destination.of(Network.UDP, from));
                        out.writeBytes(payload);
                        payload.release();
                        ctx.writeAndFlush(new DatagramPacket(out, client));
                    });
            if (flow == null) {
                return;
            }
            flows.put(key, client.getAddress(), flow);
        }
        context.log().debug(0, PKG, "send packet to " + dest + " with " + in.readableBytes() + " bytes");
        flow.send(dest, in.retain());
    }

    /** One INFO line per second at most: a flood of stray datagrams must not flood the log. */
    private void dropped(InetSocketAddress client, String why) {
        long now = System.nanoTime();
        if (now - lastDropLog >= TimeUnit.SECONDS.toNanos(1)) {
            lastDropLog = now;
            context.log().info(0, PKG, "dropping UDP packet from " + Destination.of(Network.UDP, client) + ": " + why);
        }
    }

    int flowCount() {
        return flows.size();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        flows.closeAll();
        ctx.fireChannelInactive();
    }
}
