package dev.vtool.engine.transport;

import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.transport.StreamSettings;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Predicate;

/**
 * How one outbound reaches its server (V2Ray's outbound handler {@code Dial}): through the stream
 * transport and security layer its {@code streamSettings} select. Outbounds get theirs from
 * {@code EngineContext.dialer()}; the channel they get reads and writes plain bytes however it travels.
 */
public class Dialer {
    private final SystemDialer system;
    private final StreamTransport transport;
    private final StreamSettings settings;
    private final SecurityLayer security;
    /** The outbound's traffic counter (policy.system.statsOutbound*), or null. */
    private volatile io.netty.channel.ChannelHandler counter;

    /** Plain TCP without stream settings: straight to the system dialer. */
    public Dialer(Resolver resolver) {
        this(new SystemDialer(resolver), null, StreamSettings.plainTcp(), null);
    }

    /**
     * @param transport the network {@code settings} select, or null for plain system TCP
     * @param security  the security layer {@code settings} select, or null for none
     */
    public Dialer(SystemDialer system, StreamTransport transport, StreamSettings settings, SecurityLayer security) {
        this.system = system;
        this.transport = transport;
        this.settings = settings;
        this.security = security;
    }

    /**
     * Counts every stream this dialer opens: the handler goes right after the transport, before the
     * outbound's codec (4.34 counts the outbound's connection, protocol headers included). Set once at build.
     */
    public void countWith(io.netty.channel.ChannelHandler handler) {
        this.counter = handler;
    }

    /**
     * Counts the datagrams of a UDP socket the outbound opens for itself (freedom, Shadowsocks, SOCKS relay),
     * as 4.34 counts the UDP connections its outbound handler dials: each datagram as sent and received,
     * protocol headers included. Call from the socket's initializer, before the outbound's handlers.
     */
    public void countPackets(Channel channel) {
        io.netty.channel.ChannelHandler h = counter;
        if (h != null) {
            channel.pipeline().addFirst("vtool-stats", h);
        }
    }

    public Resolver resolver() {
        return system.resolver();
    }

    protected SystemDialer system() {
        return system;
    }

    protected StreamSettings settings() {
        return settings;
    }

    protected SecurityLayer security() {
        return security;
    }

    /**
     * Connects to {@code host:port}; {@code family} filters the resolved addresses (UseIPv4/UseIPv6).
     *
     * @param sendThrough local IP literal to bind, or null
     */
    public Future<Channel> connect(EventLoop loop, String host, int port, String sendThrough, LevelPolicy policy,
                                   Predicate<InetAddress> family) {
        return counted(dial(loop, new DialTarget(host, port, null, family), sendThrough, policy));
    }

    /**
     * Connects to exactly these already resolved (and checked) addresses of {@code host}, in turn: no second
     * lookup; the host still names the server to a security layer.
     */
    public Future<Channel> connect(EventLoop loop, String host, List<InetAddress> addresses, int port,
                                   String sendThrough, LevelPolicy policy) {
        return counted(dial(loop, new DialTarget(host, port, List.copyOf(addresses), a -> true), sendThrough, policy));
    }

    public Future<Channel> connect(EventLoop loop, String host, int port, String sendThrough, LevelPolicy policy) {
        return connect(loop, host, port, sendThrough, policy, a -> true);
    }

    /** Listeners run in the order added: the counter is in place before the outbound installs its codec. */
    private Future<Channel> counted(Future<Channel> dialed) {
        io.netty.channel.ChannelHandler h = counter;
        if (h != null) {
            dialed.addListener(f -> {
                if (f.isSuccess()) {
                    ((Channel) f.getNow()).pipeline().addLast("vtool-stats", h);
                }
            });
        }
        return dialed;
    }

    /** Opens the stream; a subclass may carry it some other way (a proxySettings chain). */
    protected Future<Channel> dial(EventLoop loop, DialTarget target, String sendThrough, LevelPolicy policy) {
        if (transport == null) {
            return system.connect(loop, target, sendThrough, policy, settings.sockopt());
        }
        return transport.dial(new DialRequest(loop, target, sendThrough, policy, settings, security, system));
    }
}
