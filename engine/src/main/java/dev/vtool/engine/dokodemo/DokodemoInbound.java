package dev.vtool.engine.dokodemo;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.schema.model.DokodemoSettings;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * dokodemo-door: every connection (and datagram) goes to the fixed {@code address:port}. There is no
 * handshake, so the connection is dispatched as soon as it is accepted. {@code followRedirect} (transparent
 * proxying) is refused when the config is read.
 */
final class DokodemoInbound implements InboundHandler {
    private final DokodemoSettings settings;
    private final EngineContext context;
    private final String tag;

    DokodemoInbound(InboundConfig config, EngineContext context) {
        this.settings = (DokodemoSettings) config.settings();
        this.context = context;
        this.tag = config.tag() == null ? "" : config.tag();
    }

    @Override
    public void initConnection(Channel ch, Session session) {
        if (!settings.networks().contains(Network.TCP)) {
            ch.close();
            return;
        }
        HandshakeDeadline.clear(ch);
        if (settings.address() == null || settings.address().isEmpty()) {
            context.log().info(session.id(), "app/proxyman/inbound",
                    "connection ends > v2ray.com/core/proxy/dokodemo: unable to get destination");
            ch.close();
            return;
        }
        session.destination(new Destination(Network.TCP, settings.address(), settings.port()));
        ChannelLink link = ChannelLink.takeOver(ch, session.policy(),
                cause -> context.log().info(session.id(), "proxy/dokodemo", "connection ends > " + cause.getMessage()));
        // dispatch once the channel is registered and active
        ch.eventLoop().execute(() -> context.dispatcher().dispatch(session, link));
    }

    @Override
    public boolean wantsUdp() {
        return settings.networks().contains(Network.UDP);
    }

    @Override
    public void initUdp(DatagramChannel ch) {
        LevelPolicy policy = context.policy(settings.userLevel());
        dev.vtool.engine.UdpFlowTable<InetSocketAddress> flows = new dev.vtool.engine.UdpFlowTable<>(
                context.limits(), policy.connIdle());
        ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                long every = flows.sweepMillis();
                ctx.executor().scheduleAtFixedRate(flows::sweep, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
                ctx.fireChannelActive();
            }

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                if (settings.address() == null || settings.address().isEmpty()) {
                    return;
                }
                InetSocketAddress client = p.sender();
                Destination dest = new Destination(Network.UDP, settings.address(), settings.port());
                PacketConnection pc = flows.get(client);
                if (pc == null) {
                    if (flows.refusal(client.getAddress()) != null) {
                        return; // over policy.limits: dropped like a datagram lost on the way
                    }
                    Session s = new Session(EngineContext.newSessionId(), client, tag,
                            Destination.of(Network.UDP, client).hostPort(), policy);
                    s.destination(dest);
                    pc = context.dispatcher().dispatchPackets(s, (io.netty.channel.EventLoop) ctx.executor(),
                            (from, payload) -> ctx.writeAndFlush(new DatagramPacket(payload, client)));
                    if (pc == null) {
                        return;
                    }
                    flows.put(client, client.getAddress(), pc);
                }
                ByteBuf data = p.content().retain();
                pc.send(dest, data);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                flows.closeAll();
            }
        });
    }
}
