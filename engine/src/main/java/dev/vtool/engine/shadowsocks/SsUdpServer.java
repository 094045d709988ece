package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.UdpFlowTable;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The UDP side of a shadowsocks inbound: each datagram is decrypted on its own and its payload sent
 * through the routed outbound, one flow per client address and destination (as 4.34's UDP dispatcher
 * keeps them). Answers go back encrypted with the destination the client addressed in the address
 * field, as 4.34 writes them. Datagrams that do not decrypt or parse are dropped without an answer;
 * flows are capped by {@code policy.limits}.
 */
final class SsUdpServer extends SimpleChannelInboundHandler<DatagramPacket> {
    private final ShadowsocksInbound inbound;
    private final EngineContext context;
    private final String tag;
    private final LevelPolicy policy;
    private final SsPacketCodec codec;
    private final UdpFlowTable<String> flows;
    private long lastDropLog = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);

    SsUdpServer(ShadowsocksInbound inbound, String tag) {
        this.inbound = inbound;
        this.context = inbound.context();
        this.tag = tag;
        this.policy = context.policy(inbound.settings().level());
        this.codec = inbound.packetCodec();
        this.flows = new UdpFlowTable<>(context.limits(), policy.connIdle());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long every = flows.sweepMillis();
        ctx.executor().scheduleAtFixedRate(flows::sweep, every, every, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress client = packet.sender();
        SsPacketCodec.Packet p;
        try {
            p = codec.decode(packet.content(), ctx.alloc());
        } catch (SsException e) {
            dropped(client, "failed to decrypt UDP payload > " + e.getMessage());
            return;
        }
        Destination dest = p.address();
        String key = client + "|" + dest;
        PacketConnection flow = flows.get(key);
        if (flow == null) {
            String refused = flows.refusal(client.getAddress());
            if (refused != null) {
                p.payload().release();
                dropped(client, "policy.limits." + refused + " reached (a vtool limit)");
                return;
            }
            Session s = new Session(EngineContext.newSessionId(), client, tag,
                    Destination.of(Network.UDP, client).hostPort(), policy);
            s.destination(dest);
            s.userEmail(inbound.settings().email());
            s.remoteFacing(true);
            context.log().info(s.id(), ShadowsocksInbound.PKG, "tunnelling request to " + dest);
            flow = context.dispatcher().dispatchPackets(s, (EventLoop) ctx.executor(), (from, payload) -> {
                try {
                    ByteBuf out = codec.encode(dest, payload, ctx.alloc());
                    ctx.writeAndFlush(new DatagramPacket(out, client));
                } catch (SsException e) {
                    context.log().warning(s.id(), ShadowsocksInbound.PKG, "failed to encode UDP packet > " + e.getMessage());
                } finally {
                    payload.release();
                }
            });
            if (flow == null) {
                p.payload().release();
                return;
            }
            flows.put(key, client.getAddress(), flow);
        }
        flow.send(dest, p.payload());
    }

    /** One INFO line per second at most: a flood of garbage datagrams must not flood the log. */
    private void dropped(InetSocketAddress client, String why) {
        long now = System.nanoTime();
        if (now - lastDropLog >= TimeUnit.SECONDS.toNanos(1)) {
            lastDropLog = now;
            context.log().info(0, ShadowsocksInbound.PKG, "dropping invalid UDP packet from: "
                    + Destination.of(Network.UDP, client) + " > " + why);
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
