package dev.vtool.engine.socks;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.SocksInboundSettings;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.Channel;

/** The socks inbound: SOCKS4/4a and SOCKS5 on TCP, SOCKS5 UDP on the same port when {@code udp} is on. */
final class SocksInbound implements InboundHandler {
    private final InboundConfig config;
    private final SocksInboundSettings settings;
    private final EngineContext context;
    private final UdpAssociations associations = new UdpAssociations();

    SocksInbound(InboundConfig config, EngineContext context) {
        this.config = config;
        this.settings = (SocksInboundSettings) config.settings();
        this.context = context;
    }

    @Override
    public void initConnection(Channel ch, Session session) {
        SocksServerHandler handler = new SocksServerHandler(settings, context, session, associations);
        ch.pipeline().addLast("socks-detect", new SocksVersionDetector(handler));
        ch.pipeline().addLast("socks-handler", handler);
    }

    @Override
    public boolean wantsUdp() {
        return settings.udp();
    }

    @Override
    public void initUdp(DatagramChannel ch) {
        ch.pipeline().addLast(new SocksUdpRelay(context, config.tag() == null ? "" : config.tag(),
                context.policy(settings.userLevel()), associations));
    }

    @Override
    public boolean accessFromWithNetwork() {
        return true;
    }
}
