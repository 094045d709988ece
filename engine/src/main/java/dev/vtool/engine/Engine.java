package dev.vtool.engine;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.routing.GeoData;
import dev.vtool.engine.routing.Router;
import dev.vtool.engine.transport.Dialer;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.engine.transport.Resolver;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.OutboundConfig;
import dev.vtool.schema.model.Sniffing;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running proxy: all inbounds listening, outbounds and router ready. {@link #start} either returns a
 * fully listening engine or throws with one clear message (and leaves nothing open behind).
 */
public final class Engine implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Resolver resolver;
    private final EngineLog log;
    private final List<Channel> listeners = new ArrayList<>();
    private final ChannelGroup connections = new DefaultChannelGroup("vtool-connections", GlobalEventExecutor.INSTANCE);
    private volatile boolean closed;
    private volatile ConnectionLimiter limiter;
    private final java.util.concurrent.atomic.AtomicLong lastLimitLog = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 2_000_000_000L);

    private Engine(EngineLog log) {
        this.log = log;
        this.boss = Transports.newGroup(1, "vtool-accept");
        this.workers = Transports.newGroup(0, "vtool-io");
        this.resolver = new Resolver();
    }

    public static Engine start(Config config, EngineLog log) throws EngineException {
        return start(config, log, ProtocolRegistry.discover());
    }

    public static Engine start(Config config, EngineLog log, ProtocolRegistry registry) throws EngineException {
        Engine engine = new Engine(log);
        try {
            engine.build(config, registry);
            log.warning(0, "", "vtool started (" + (Transports.nativeEpoll() ? "epoll" : "nio") + ")");
            return engine;
        } catch (EngineException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private void build(Config config, ProtocolRegistry registry) throws EngineException {
        limiter = new ConnectionLimiter(config.policy().limits().maxConnections(),
                config.policy().limits().maxConnectionsPerSource());
        EngineContext context = new EngineContext(log, config.policy(), new Dialer(resolver));
        Map<String, OutboundHandler> byTag = new HashMap<>();
        List<String> tags = new ArrayList<>();
        OutboundHandler first = null;
        String firstTag = null;
        for (OutboundConfig oc : config.outbounds()) {
            OutboundFactory f = registry.outbound(oc.protocol());
            if (f == null) {
                throw new EngineException("failed to create outbound: " + oc.protocol()
                        + " is not supported by this build of vtool run");
            }
            OutboundHandler h;
            if (oc.proxyTag() == null) {
                h = f.create(oc, context);
            } else {
                checkChain(oc, config.outbounds());
                // byTag is filled as the loop goes on; the chain dialer looks its tag up per connection
                h = new ChainedOutbound(f.create(oc, context.withDialer(
                        new ProxyChainDialer(resolver, oc.proxyTag(), byTag, log))), oc.proxyTag());
            }
            if (first == null) {
                first = h;
                firstTag = oc.tag();
            }
            if (oc.tag() != null && !byTag.containsKey(oc.tag())) {
                byTag.put(oc.tag(), h);
            }
            tags.add(oc.tag());
        }
        Router router = new Router(config.routing(), tags, GeoData.standard());
        Map<String, Sniffing> sniffing = new HashMap<>();
        for (InboundConfig ic : config.inbounds()) {
            if (ic.sniffing().enabled()) {
                sniffing.put(ic.tag() == null ? "" : ic.tag(), ic.sniffing());
            }
        }
        context.dispatcher(new Dispatcher(router, byTag, first, firstTag, sniffing, resolver, log));
        for (InboundConfig ic : config.inbounds()) {
            InboundFactory f = registry.inbound(ic.protocol());
            if (f == null) {
                throw new EngineException("failed to create inbound: " + ic.protocol()
                        + " is not supported by this build of vtool run");
            }
            listen(ic, f.create(ic, context), context);
        }
    }

    /** A proxySettings chain must end: A → B → A would dial forever. */
    private static void checkChain(OutboundConfig start, List<OutboundConfig> all) throws EngineException {
        Map<String, String> next = new HashMap<>();
        for (OutboundConfig oc : all) {
            if (oc.tag() != null && oc.proxyTag() != null) {
                next.putIfAbsent(oc.tag(), oc.proxyTag());
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String tag = start.tag();
        String via = start.proxyTag();
        while (via != null) {
            if (via.equals(start.tag()) || !seen.add(via)) {
                throw new EngineException("invalid outbound detour proxy settings. > proxySettings of outbound "
                        + (tag == null ? "(no tag)" : "[" + tag + "]") + " form a loop through [" + via + "]");
            }
            via = next.get(via);
        }
    }

    private void listen(InboundConfig ic, InboundHandler inbound, EngineContext context) throws EngineException {
        LevelPolicy level = context.policy(ic.settings().userLevel());
        int idle = ic.settings().idleTimeoutOverride();
        LevelPolicy policy = idle <= 0 ? level : new LevelPolicy(level.handshake(),
                java.time.Duration.ofSeconds(idle), level.uplinkOnly(), level.downlinkOnly(), level.bufferSize());
        String tag = ic.tag() == null ? "" : ic.tag();
        InetAddress address = listenAddress(ic.listen());
        String open = openProxyWarning(ic, address);
        if (open != null) {
            log.warning(0, "proxy/" + ic.protocol(), open);
        }
        for (int port = ic.ports().from(); port <= ic.ports().to(); port++) {
            InetSocketAddress at = new InetSocketAddress(address, port);
            ServerBootstrap sb = new ServerBootstrap().group(boss, workers).channel(Transports.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.RECVBUF_ALLOCATOR, Transports.readAllocator())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Dialer.waterMark(policy))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            InetSocketAddress src = ch.remoteAddress();
                            String refused = limiter.acquire(src.getAddress());
                            if (refused != null) {
                                refusedOverLimit(ic.protocol(), src, refused);
                                ch.close();
                                return;
                            }
                            ch.closeFuture().addListener(f -> limiter.release(src.getAddress()));
                            connections.add(ch);
                            String from = (inbound.accessFromWithNetwork() ? "tcp:" : "")
                                    + Destination.of(dev.vtool.schema.model.Network.TCP, src).hostPort();
                            Session s = new Session(EngineContext.newSessionId(), src, tag, from, policy);
                            s.remoteFacing(inbound.remoteFacing());
                            HandshakeDeadline.arm(ch, policy.handshake(), () -> log.info(s.id(),
                                    "proxy/" + ic.protocol(), "failed to read request > read tcp "
                                            + ch.localAddress() + "->" + src + ": i/o timeout"));
                            inbound.initConnection(ch, s);
                        }
                    });
            ChannelFuture bound = sb.bind(at).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw bindFailure("TCP", at, bound.cause());
            }
            listeners.add(bound.channel());
            log.info(0, "transport/internet/tcp", "listening TCP on " + hostPort(at));
            if (inbound.wantsUdp()) {
                Bootstrap ub = new Bootstrap().group(workers).channel(Transports.datagramChannel())
                        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                        .handler(new ChannelInitializer<DatagramChannel>() {
                            @Override
                            protected void initChannel(DatagramChannel ch) {
                                inbound.initUdp(ch);
                            }
                        });
                ChannelFuture ubound = ub.bind(at).awaitUninterruptibly();
                if (!ubound.isSuccess()) {
                    throw bindFailure("UDP", at, ubound.cause());
                }
                listeners.add(ubound.channel());
                log.info(0, "transport/internet/udp", "listening UDP on " + hostPort(at));
            }
        }
    }

    /**
     * docs/spec/security.md 1.6: V2Ray starts a socks/http inbound without authentication on every interface without
     * a word; vtool runs it too (same JSON semantics) but says so once at start-up.
     */
    static String openProxyWarning(InboundConfig ic, InetAddress address) {
        if (address.isLoopbackAddress()) {
            return null;
        }
        boolean open = ic.settings() instanceof dev.vtool.schema.model.SocksInboundSettings s ? !s.passwordAuth()
                : ic.settings() instanceof dev.vtool.schema.model.HttpInboundSettings h && h.accounts().isEmpty();
        if (!open) {
            return null;
        }
        String at = address.isAnyLocalAddress() ? "all interfaces" : address.getHostAddress();
        return ic.protocol() + " inbound without authentication listens on " + at + " port " + ic.ports().from()
                + ": anyone who can reach it can use it as an open proxy (set \"listen\": \"127.0.0.1\" or add accounts)";
    }

    /** One INFO line per second at most: a flood over the cap must not flood the log too. */
    private void refusedOverLimit(String protocol, InetSocketAddress src, String limit) {
        long now = System.nanoTime();
        long last = lastLimitLog.get();
        if (now - last >= 1_000_000_000L && lastLimitLog.compareAndSet(last, now)) {
            log.info(0, "proxy/" + protocol, "closed a connection from " + hostPort(src) + ": policy.limits."
                    + limit + " reached (a vtool limit; raise it in the config if this is legitimate load)");
        }
    }

    private static InetAddress listenAddress(String listen) throws EngineException {
        try {
            return InetAddress.getByName(listen == null ? "0.0.0.0" : listen);
        } catch (java.net.UnknownHostException e) {
            throw new EngineException("unable to listen on domain address: " + listen);
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return Destination.of(dev.vtool.schema.model.Network.TCP, a).hostPort();
    }

    /** Go's wording, so the line reads like V2Ray's {@code failed to listen TCP on ...} chain. */
    private static EngineException bindFailure(String net, InetSocketAddress at, Throwable cause) {
        String m = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        String reason = lower.contains("in use") ? "bind: address already in use"
                : lower.contains("permission") || lower.contains("access denied") ? "bind: permission denied"
                : lower.contains("assign") ? "bind: cannot assign requested address" : m;
        String hp = hostPort(at);
        return new EngineException("failed to listen " + net + " on " + hp + " > listen " + net.toLowerCase(
                java.util.Locale.ROOT) + " " + hp + ": " + reason, cause instanceof BindException ? cause : null);
    }

    /** Addresses actually bound (useful with port 0 in tests). */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Channel c : listeners) {
            out.add((InetSocketAddress) c.localAddress());
        }
        return out;
    }

    /**
     * Stops accepting, lets live connections finish for up to {@code grace}, then closes what is left and
     * releases the threads.
     */
    public void shutdown(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        for (Channel c : listeners) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && connections.stream().anyMatch(Channel::isOpen)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        resolver.close();
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
