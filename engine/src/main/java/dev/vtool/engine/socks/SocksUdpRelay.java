package dev.vtool.engine.socks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The UDP side of SOCKS5 UDP ASSOCIATE: unwraps each client datagram (RSV RSV FRAG ATYP ADDR PORT DATA),
 * sends the data through the routed outbound — one flow per client address and destination, as V2Ray's
 * UDP dispatcher keeps them — and wraps answers with the same header. Fragments are dropped like V2Ray does.
 */
final class SocksUdpRelay extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final String PKG = "proxy/socks";
    private static final long SWEEP_SECONDS = 10;
    private final EngineContext context;
    private final String inboundTag;
    private final LevelPolicy policy;
    private final UdpAssociations associations;
    private long lastDropLog = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);
    private final Map<String, Flow> flows = new HashMap<>();

    private static final class Flow {
        final PacketConnection connection;
        final InetSocketAddress client;
        long lastUsed = System.nanoTime();

        Flow(PacketConnection connection, InetSocketAddress client) {
            this.connection = connection;
            this.client = client;
        }
    }

    SocksUdpRelay(EngineContext context, String inboundTag, LevelPolicy policy, UdpAssociations associations) {
        this.context = context;
        this.associations = associations;
        this.inboundTag = inboundTag;
        this.policy = policy;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.executor().scheduleAtFixedRate(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        associations.whenLastClosed(client -> ctx.executor().execute(() -> endFlowsOf(client)));
        ctx.fireChannelActive();
    }

    /** RFC 1928 section 7: the relay for a client ends with the TCP connection of its association. */
    private void endFlowsOf(java.net.InetAddress client) {
        for (Iterator<Flow> it = flows.values().iterator(); it.hasNext(); ) {
            Flow f = it.next();
            if (f.client.getAddress().equals(client)) {
                f.connection.close();
                it.remove();
            }
        }
    }

    private void sweep() {
        long limit = policy.connIdle().toNanos();
        for (Iterator<Flow> it = flows.values().iterator(); it.hasNext(); ) {
            Flow f = it.next();
            if (!f.connection.isOpen() || System.nanoTime() - f.lastUsed > limit) {
                f.connection.close();
                it.remove();
            }
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf in = packet.content();
        InetSocketAddress client = packet.sender();
        if (!associations.allows(client.getAddress())) {
            dropUnassociated(client);
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
        Flow flow = flows.get(key);
        if (flow == null || !flow.connection.isOpen()) {
            Session s = new Session(EngineContext.newSessionId(), client, inboundTag,
                    Destination.of(Network.UDP, client).toString(), policy);
            s.destination(dest);
            context.log().info(s.id(), PKG, "client UDP connection from " + Destination.of(Network.UDP, client));
            PacketConnection pc = context.dispatcher().dispatchPackets(s, (io.netty.channel.EventLoop) ctx.executor(),
                    (from, payload) -> {
                        ByteBuf out = ctx.alloc().buffer(payload.readableBytes() + 22);
                        SocksAddress.writeUdpHeader(out, Destination.of(Network.UDP, from));
                        out.writeBytes(payload);
                        payload.release();
                        ctx.writeAndFlush(new DatagramPacket(out, client));
                    });
            if (pc == null) {
                return;
            }
            flow = new Flow(pc, client);
            flows.put(key, flow);
        }
        flow.lastUsed = System.nanoTime();
        context.log().debug(0, PKG, "send packet to " + dest + " with " + in.readableBytes() + " bytes");
        flow.connection.send(dest, in.retain());
    }

    /** One INFO line per second at most: a flood of stray datagrams must not flood the log. */
    private void dropUnassociated(InetSocketAddress client) {
        long now = System.nanoTime();
        if (now - lastDropLog >= TimeUnit.SECONDS.toNanos(1)) {
            lastDropLog = now;
            context.log().info(0, PKG, "dropping UDP packet from " + Destination.of(Network.UDP, client)
                    + ": no UDP ASSOCIATE from this client is open (vtool follows RFC 1928 section 7)");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        flows.values().forEach(f -> f.connection.close());
        flows.clear();
        ctx.fireChannelInactive();
    }
}
