package dev.vtool.engine.dokodemo;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.engine.transport.TransparentSockets;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.dokodemo.DokodemoSettings;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * dokodemo-door: every connection (and datagram) goes to the fixed {@code address:port}, or with
 * {@code followRedirect} to the destination iptables redirected it from (SO_ORIGINAL_DST for REDIRECT, the
 * socket's local address for TPROXY; the fixed address when the kernel cannot say). There is no handshake,
 * so the connection is dispatched as soon as it is accepted.
 */
final class DokodemoInbound implements InboundHandler {
    private final DokodemoSettings settings;
    private final EngineContext context;
    private final String tag;
    /** "redirect" or "tproxy": how followRedirect learns a connection's original destination. */
    private final String mode;

    DokodemoInbound(InboundConfig config, EngineContext context) {
        this.mode = config.streamSettings().sockopt().tproxy();
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
        Destination original = settings.followRedirect() ? originalDestination(ch, session) : null;
        if (original != null) {
            session.destination(original);
        } else if (settings.address() == null || settings.address().isEmpty()) {
            context.log().info(session.id(), "app/proxyman/inbound",
                    "connection ends > v2ray.com/core/proxy/dokodemo: unable to get destination");
            ch.close();
            return;
        } else {
            session.destination(new Destination(Network.TCP, settings.address(), settings.port()));
        }
        ChannelLink link = ChannelLink.takeOver(ch, session.policy(),
                cause -> context.log().info(session.id(), "proxy/dokodemo", "connection ends > " + cause.getMessage()));
        // dispatch once the channel is registered and active
        ch.eventLoop().execute(() -> context.dispatcher().dispatch(session, link));
    }

    /** The connection's original destination, or null (logged as 4.34's worker does). */
    private Destination originalDestination(Channel ch, Session session) {
        try {
            InetSocketAddress at = TransparentSockets.originalDestination(ch, mode);
            return Destination.of(Network.TCP, at);
        } catch (java.io.IOException e) {
            context.log().info(session.id(), "app/proxyman/inbound", "failed to get original destination > "
                    + e.getMessage());
            return null;
        }
    }

    @Override
    public boolean wantsUdp() {
        return settings.networks().contains(Network.UDP);
    }

    @Override
    public void initUdp(DatagramChannel ch) {
        ch.pipeline().addLast(new DokodemoPackets(settings, context, tag));
    }
}
