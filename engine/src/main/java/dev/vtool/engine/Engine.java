package dev.vtool.engine;

import dev.vtool.engine.dns.BuiltInDns;
import dev.vtool.engine.dns.NameLookup;
import dev.vtool.engine.dns.SystemNameLookup;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.mux.MuxClient;
import dev.vtool.engine.routing.GeoData;
import dev.vtool.engine.routing.Router;
import dev.vtool.engine.stats.StatsCounters;
import dev.vtool.engine.transport.Dialer;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.UnixSocketListener;
import dev.vtool.engine.transport.Resolver;
import dev.vtool.engine.transport.SecurityLayer;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.SystemDialer;
import dev.vtool.engine.transport.TransportRegistry;
import dev.vtool.engine.transport.Transports;
import dev.vtool.engine.transport.udp.UdpListener;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.OutboundConfig;
import dev.vtool.schema.model.Sniffing;
import dev.vtool.schema.transport.StreamSettings;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.Future;
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
 * A running proxy: all inbounds listening, outbounds and router ready. {@link #prepare} builds every
 * object without binding (what {@code run -test} checks), {@link #listen} binds; {@link #start} does both
 * and either returns a fully listening engine or throws with one clear message (and leaves nothing open).
 */
public final class Engine implements AutoCloseable {
    /** Created by {@link #listen}: a prepared engine has no threads. */
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    /** The built-in DNS's own loop, when the config has a {@code dns} section. */
    private EventLoopGroup dnsGroup;
    private BuiltInDns builtInDns;
    private EngineContext context;
    /** Every inbound as {@link #prepare} built it, bound by {@link #listen}. */
    private final List<PreparedInbound> inbounds = new ArrayList<>();
    private final Resolver resolver;
    private final EngineLog log;
    private final List<Channel> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ChannelGroup connections = new DefaultChannelGroup("vtool-connections", GlobalEventExecutor.INSTANCE);
    private volatile boolean closed;
    private volatile ConnectionLimiter limiter;
    private final OutboundTable outbounds = new OutboundTable();
    /** Inbounds listening, by tag (untagged ones under a key of their own), for the API. */
    private final Map<String, RunningInbound> running = new java.util.concurrent.ConcurrentHashMap<>();
    private ProtocolRegistry registry;
    private TransportRegistry transports;
    private SystemDialer systemDialer;
    private List<OutboundConfig> configuredOutbounds;
    private Map<String, Sniffing> sniffing;
    private dev.vtool.schema.model.SystemPolicy system;
    private StatsCounters stats;
    private dev.vtool.engine.api.ApiOutbound api;
    private AutoCloseable apiServer;
    /** The {@code reverse} section: portals among the outbounds, bridges dialling once listening. */
    private dev.vtool.engine.reverse.ReverseProxy reverse;
    private final java.util.concurrent.atomic.AtomicLong lastLimitLog = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 2_000_000_000L);

    private Engine(EngineLog log) {
        this.log = log;
        this.resolver = new Resolver();
    }

    public static Engine start(Config config, EngineLog log) throws EngineException {
        return start(config, log, ProtocolRegistry.discover());
    }

    public static Engine start(Config config, EngineLog log, ProtocolRegistry registry) throws EngineException {
        return start(config, log, registry, TransportRegistry.discover());
    }

    /** {@link #prepare} then {@link #listen}: a fully listening engine, or one exception and nothing left open. */
    public static Engine start(Config config, EngineLog log, ProtocolRegistry registry, TransportRegistry transports)
            throws EngineException {
        ConfigProblems problems = new ConfigProblems(null);
        Engine engine = prepare(config, log, registry, transports, problems);
        if (engine == null) {
            throw new EngineException(problems.all().stream().map(ConfigProblems.Problem::message)
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        try {
            engine.listen();
            return engine;
        } catch (EngineException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** {@link #prepare(Config, EngineLog, ProtocolRegistry, TransportRegistry, ConfigProblems)} with every transport. */
    public static Engine prepare(Config config, EngineLog log, ProtocolRegistry registry, ConfigProblems problems) {
        return prepare(config, log, registry, TransportRegistry.discover(), problems);
    }

    /**
     * Builds everything {@code vtool run} runs — every outbound and inbound handler with its transport and
     * security layer, the router, the dispatcher — without binding a port or starting a thread;
     * {@code run -test} stops here. Every refusal goes to {@code problems}, located by the entity's JSON
     * Pointer; then the result is null and nothing is left open.
     */
    public static Engine prepare(Config config, EngineLog log, ProtocolRegistry registry, TransportRegistry transports,
                                 ConfigProblems problems) {
        Engine engine = new Engine(log);
        int before = problems.size();
        try {
            engine.build(config, registry, transports, problems);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        if (problems.size() > before) {
            engine.close();
            return null;
        }
        return engine;
    }

    /** Binds every inbound (threads start here); on failure the caller closes the engine. */
    public void listen() throws EngineException {
        boss = Transports.newGroup(1, "vtool-accept");
        workers = Transports.newGroup(0, "vtool-io");
        if (builtInDns != null) {
            dnsGroup = Transports.newGroup(1, "vtool-dns");
            builtInDns.start(dnsGroup.next());
        }
        if (api != null) {
            // before the inbounds: the first API connection must find its server
            apiServer = dev.vtool.engine.api.ApiServer.start(this, api);
        }
        for (PreparedInbound in : inbounds) {
            listen(in);
        }
        reverse.start(workers);
        log.warning(0, "", "vtool started (" + (Transports.nativeEpoll() ? "epoll" : "nio") + ")");
    }

    /** An inbound that listens: its handler and its listening channels. */
    private record RunningInbound(InboundHandler handler, List<Channel> listeners, RandomPorts random) {
    }

    /** One inbound built by {@link #prepare}: its handler and the transport and security layer it listens with. */
    private record PreparedInbound(InboundConfig config, InboundHandler handler, StreamTransport transport,
                                   SecurityLayer security) {
    }

    private void build(Config config, ProtocolRegistry registry, TransportRegistry transports,
                       ConfigProblems problems) {
        this.registry = registry;
        this.transports = transports;
        this.system = config.policy().system();
        this.stats = config.stats() ? new StatsCounters() : null;
        limiter = new ConnectionLimiter(config.policy().limits().maxConnections(),
                config.policy().limits().maxConnectionsPerSource());
        systemDialer = new SystemDialer(resolver);
        GeoData geo = GeoData.standard();
        NameLookup names = new SystemNameLookup(resolver);
        if (config.dns().present()) {
            try {
                builtInDns = new BuiltInDns(config.dns(), geo, resolver, new DnsRoutes(), log);
                names = builtInDns;
            } catch (EngineException e) {
                problems.error("/dns", e.getMessage());
            }
        }
        context = new EngineContext(log, config.policy(), new Dialer(resolver), names, stats);
        configuredOutbounds = new ArrayList<>(config.outbounds());
        List<String> tags = new ArrayList<>();
        for (OutboundConfig oc : config.outbounds()) {
            if (registry.outbound(oc.protocol()) == null) {
                problems.notSupported(oc.pointer() + "/protocol", "outbound protocol \"" + oc.protocol() + "\"");
                continue;
            }
            try {
                outbounds.add(oc.tag(), outbound(oc));
            } catch (EngineException e) {
                problems.error(oc.pointer(), e.getMessage());
                continue;
            }
            tags.add(oc.tag());
        }
        if (config.api() != null) {
            api = new dev.vtool.engine.api.ApiOutbound(config.api(), context);
            outbounds.put(config.api().tag(), api);
            tags.add(config.api().tag());
        }
        reverse = new dev.vtool.engine.reverse.ReverseProxy(config.reverse(), log);
        for (dev.vtool.engine.reverse.Portal p : reverse.portals()) {
            // 4.34 registers a portal over an outbound of the same tag
            if (!outbounds.add(p.tag(), p)) {
                outbounds.put(p.tag(), p);
            }
            tags.add(p.tag());
        }
        Router router;
        try {
            router = new Router(config.routing(), tags, geo, problems::error);
        } catch (EngineException e) {
            problems.error("/routing", e.getMessage());
            router = null;
        }
        Map<String, Sniffing> sniffing = new java.util.concurrent.ConcurrentHashMap<>();
        for (InboundConfig ic : config.inbounds()) {
            if (ic.sniffing().enabled()) {
                sniffing.put(ic.tag() == null ? "" : ic.tag(), ic.sniffing());
            }
        }
        this.sniffing = sniffing;
        context.dispatcher(new Dispatcher(router, outbounds, sniffing, names, log, stats));
        reverse.bridges(context.dispatcher(), context.policy(0));
        for (InboundConfig ic : config.inbounds()) {
            if (registry.inbound(ic.protocol()) == null) {
                problems.notSupported(ic.pointer() + "/protocol", "inbound protocol \"" + ic.protocol() + "\"");
                continue;
            }
            try {
                inbounds.add(prepareInbound(ic));
            } catch (EngineException e) {
                problems.error(ic.pointer(), e.getMessage());
            }
        }
    }

    /** One outbound handler with its dialer (transport, security, proxySettings chain, traffic counter). */
    private OutboundHandler outbound(OutboundConfig oc) throws EngineException {
        OutboundFactory f = registry.outbound(oc.protocol());
        if (f == null) {
            throw new EngineException(ConfigProblems.notSupportedMessage("outbound protocol \"" + oc.protocol() + "\""));
        }
        StreamSettings stream = oc.streamSettings();
        SecurityLayer security = security(transports, stream, "outbound");
        Dialer dialer;
        if (oc.proxyTag() == null) {
            dialer = new Dialer(systemDialer, transport(transports, stream, "outbound"), stream, security);
        } else {
            checkChain(oc, configuredOutbounds);
            // the chain dialer looks its tag up per connection, so later outbounds and API changes count
            dialer = new ProxyChainDialer(systemDialer, stream, security, oc.proxyTag(), outbounds.asMap(), log);
        }
        String tag = oc.tag();
        if (stats != null && tag != null && !tag.isEmpty()
                && (system.statsOutboundUplink() || system.statsOutboundDownlink())) {
            dialer.countWith(stats.handler(
                    system.statsOutboundDownlink() ? StatsCounters.outbound(tag, false) : null,
                    system.statsOutboundUplink() ? StatsCounters.outbound(tag, true) : null));
        }
        OutboundHandler h = f.create(oc, context.withDialer(dialer));
        if (oc.proxyTag() != null) {
            h = new ChainedOutbound(h, oc.proxyTag());
        }
        return oc.mux() ? new MuxClient(h, oc.muxConcurrency(), log) : h;
    }

    private PreparedInbound prepareInbound(InboundConfig ic) throws EngineException {
        InboundFactory f = registry.inbound(ic.protocol());
        if (f == null) {
            throw new EngineException(ConfigProblems.notSupportedMessage("inbound protocol \"" + ic.protocol() + "\""));
        }
        StreamTransport transport = transport(transports, ic.streamSettings(), "inbound");
        SecurityLayer security = security(transports, ic.streamSettings(), "inbound");
        return new PreparedInbound(ic, f.create(ic, context), transport, security);
    }

    // ---- changes at run time (the API's HandlerService); serialised by this engine's monitor ----

    /** Builds and binds one more inbound (4.34: "existing tag found" when the tag is taken). */
    public synchronized void addInbound(InboundConfig ic) throws EngineException {
        String tag = ic.tag() == null ? "" : ic.tag();
        if (!tag.isEmpty() && running.containsKey(tag)) {
            throw new EngineException("existing tag found: " + tag);
        }
        PreparedInbound p = prepareInbound(ic);
        if (ic.sniffing().enabled()) {
            sniffing.put(tag, ic.sniffing());
        }
        try {
            listen(p);
        } catch (EngineException e) {
            closeInbound(tag);
            throw e;
        }
    }

    /** Stops listening on the inbound's ports; its live connections go on, as in 4.34. */
    public synchronized void removeInbound(String tag) throws EngineException {
        if (tag == null || tag.isEmpty() || !running.containsKey(tag)) {
            throw new EngineException("inbound \"" + tag + "\" not found");
        }
        closeInbound(tag);
    }

    private void closeInbound(String tag) {
        RunningInbound r = running.remove(tag);
        if (r != null && r.random() != null) {
            r.random().close();
        }
        if (r != null) {
            for (Channel c : r.listeners()) {
                listeners.remove(c);
                c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        }
    }

    /** The inbound handler running under {@code tag}, or null. */
    public InboundHandler inbound(String tag) {
        RunningInbound r = running.get(tag);
        return r == null ? null : r.handler();
    }

    public synchronized void addOutbound(OutboundConfig oc) throws EngineException {
        if (oc.tag() != null && !oc.tag().isEmpty() && outbounds.get(oc.tag()) != null) {
            throw new EngineException("existing tag found: " + oc.tag());
        }
        configuredOutbounds.add(oc);
        try {
            if (!outbounds.add(oc.tag(), outbound(oc))) {
                throw new EngineException("existing tag found: " + oc.tag());
            }
        } catch (EngineException | RuntimeException e) {
            configuredOutbounds.remove(oc);
            throw e;
        }
    }

    public synchronized void removeOutbound(String tag) throws EngineException {
        if (tag == null || tag.isEmpty() || outbounds.remove(tag) == null) {
            throw new EngineException("outbound \"" + tag + "\" not found");
        }
        configuredOutbounds.removeIf(o -> tag.equals(o.tag()));
    }

    /** The traffic counters, or null without a {@code stats} section. */
    public StatsCounters stats() {
        return stats;
    }

    public EngineLog log() {
        return log;
    }

    /** Reads one inbound or outbound the way the config loader does (for the API). */
    public ProtocolRegistry protocols() {
        return registry;
    }

    /** The built-in DNS's queries enter routing like a client's traffic, with the DNS tag as inbound tag. */
    private final class DnsRoutes implements BuiltInDns.Routes {
        @Override
        public dev.vtool.engine.transport.PacketConnection openPackets(String tag, Destination to,
                                                                       io.netty.channel.EventLoop loop,
                                                                       dev.vtool.engine.transport.PacketReceiver back) {
            return context.dispatcher().dispatchPackets(session(tag, to), loop, back);
        }

        @Override
        public Future<Channel> openStream(String tag, Destination to, io.netty.channel.EventLoop loop) {
            StreamLink link = new StreamLink(loop);
            context.dispatcher().dispatch(session(tag, to), link);
            return link.channel();
        }

        private Session session(String tag, Destination to) {
            Session s = new Session(EngineContext.newSessionId(), null, tag, null, context.policy(0));
            s.destination(to);
            return s;
        }
    }

    private static StreamTransport transport(TransportRegistry transports, StreamSettings stream, String side)
            throws EngineException {
        StreamTransport t = transports.network(stream.network());
        if (t == null) {
            throw new EngineException("failed to create " + side + ": transport " + stream.network()
                    + " is not supported by this build of vtool run");
        }
        return t;
    }

    private static SecurityLayer security(TransportRegistry transports, StreamSettings stream, String side)
            throws EngineException {
        String name = stream.securityName();
        if (name == null) {
            return null;
        }
        SecurityLayer layer = transports.security(name);
        if (layer == null) {
            throw new EngineException("failed to create " + side + ": security " + name
                    + " is not supported by this build of vtool run");
        }
        return layer;
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

    /** 4.34's inbound traffic counters for this inbound's connections, or null when none are on. */
    private io.netty.channel.ChannelHandler inboundCounter(InboundConfig ic) {
        String tag = ic.tag() == null ? "" : ic.tag();
        if (stats == null || tag.isEmpty() || !(system.statsInboundUplink() || system.statsInboundDownlink())) {
            return null;
        }
        return stats.handler(system.statsInboundUplink() ? StatsCounters.inbound(tag, true) : null,
                system.statsInboundDownlink() ? StatsCounters.inbound(tag, false) : null);
    }

    private void listen(PreparedInbound prepared) throws EngineException {
        InboundConfig ic = prepared.config();
        InboundHandler inbound = prepared.handler();
        LevelPolicy level = context.policy(ic.settings().userLevel());
        int idle = ic.settings().idleTimeoutOverride();
        LevelPolicy policy = idle <= 0 ? level : level.withConnIdle(java.time.Duration.ofSeconds(idle));
        if (ic.listensOnUnixSocket()) {
            listenUnix(prepared, policy);
            return;
        }
        InetAddress address = listenAddress(ic.listen());
        String open = openProxyWarning(ic, address);
        if (open != null) {
            log.warning(0, "proxy/" + ic.protocol(), open);
        }
        StreamSettings stream = ic.streamSettings();
        StreamTransport transport = prepared.transport();
        SecurityLayer security = prepared.security();
        InboundWorker worker = new InboundWorker(ic, inbound, policy, limiter, connections, lastLimitLog, log,
                inboundCounter(ic));
        RandomPorts.Binder binder = port -> {
            InetSocketAddress at = new InetSocketAddress(address, port);
            Future<Channel> bound = transport.listen(new ListenRequest(boss, workers, at, stream, security, policy,
                    worker, log)).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw listenFailure(bound.cause());
            }
            List<Channel> opened = new ArrayList<>(2);
            opened.add(bound.getNow());
            if (inbound.wantsUdp()) {
                try {
                    io.netty.channel.ChannelHandler udpCounter = worker.counter();
                    opened.add(UdpListener.bind(workers, at, stream.sockopt(),
                            ic.settings().receivesOriginalDestination(), udp -> {
                        if (udpCounter != null) {
                            // 4.34's UDP worker counts each packet's bytes (protocol header included)
                            udp.pipeline().addLast("vtool-stats", udpCounter);
                        }
                        inbound.initUdp(udp);
                    }, log));
                } catch (java.io.IOException e) {
                    bound.getNow().close();
                    throw listenFailure(e);
                }
            }
            return opened;
        };
        String tag = ic.tag() == null ? "" : ic.tag();
        String key = tag.isEmpty() ? "\u0000untagged-" + running.size() : tag;
        if (ic.allocation().random()) {
            // a thread apart from the accept loop, which the binds it awaits run on
            RandomPorts random = new RandomPorts(GlobalEventExecutor.INSTANCE, ic.ports(), ic.allocation(), binder,
                    log, ic.protocol());
            running.put(key, new RunningInbound(inbound, List.of(), random));
            random.start();
            return;
        }
        RunningInbound runningInbound = new RunningInbound(inbound, new java.util.concurrent.CopyOnWriteArrayList<>(),
                null);
        running.put(key, runningInbound);
        for (int port = ic.ports().from(); port <= ic.ports().to(); port++) {
            for (Channel c : binder.bind(port)) {
                listeners.add(c);
                runningInbound.listeners().add(c);
            }
        }
    }

    /**
     * An inbound whose {@code listen} is a unix socket: one listener on it (4.34 ignores the port); only
     * stream networks that run over a plain socket can, and no UDP.
     */
    private void listenUnix(PreparedInbound prepared, LevelPolicy policy) throws EngineException {
        InboundConfig ic = prepared.config();
        String network = ic.streamSettings().network();
        if (!network.equals("tcp") && !network.equals("websocket") && !network.equals("domainsocket")) {
            throw new EngineException("listen on a Unix domain socket (" + ic.listen() + ") with network " + network
                    + " is not supported by vtool yet");
        }
        InboundWorker worker = new InboundWorker(ic, prepared.handler(), policy, limiter, connections, lastLimitLog, log,
                inboundCounter(ic));
        Future<Channel> bound = prepared.transport().listen(new ListenRequest(boss, workers,
                UnixSocketListener.fromListen(ic.listen()), ic.streamSettings(), prepared.security(), policy, worker,
                log)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw listenFailure(bound.cause());
        }
        listeners.add(bound.getNow());
        String tag = ic.tag() == null || ic.tag().isEmpty() ? "\u0000untagged-" + running.size() : ic.tag();
        running.put(tag, new RunningInbound(prepared.handler(),
                new java.util.concurrent.CopyOnWriteArrayList<>(List.of(bound.getNow())), null));
    }

    /** The transport's words (V2Ray's), with the bind error kept as the cause for callers that look. */
    private static EngineException listenFailure(Throwable failure) {
        Throwable cause = failure.getCause();
        return new EngineException(failure.getMessage(), cause instanceof BindException ? cause : null);
    }

    /**
     * docs/spec/security.md 1.6: V2Ray starts a socks/http inbound without authentication on every interface without
     * a word; vtool runs it too (same JSON semantics) but says so once at start-up.
     */
    static String openProxyWarning(InboundConfig ic, InetAddress address) {
        if (address.isLoopbackAddress()) {
            return null;
        }
        boolean open = ic.settings() instanceof dev.vtool.schema.protocol.socks.SocksInboundSettings s ? !s.passwordAuth()
                : ic.settings() instanceof dev.vtool.schema.protocol.http.HttpInboundSettings h && h.accounts().isEmpty();
        if (!open) {
            return null;
        }
        String at = address.isAnyLocalAddress() ? "all interfaces" : address.getHostAddress();
        return ic.protocol() + " inbound without authentication listens on " + at + " port " + ic.ports().from()
                + ": anyone who can reach it can use it as an open proxy (set \"listen\": \"127.0.0.1\" or add accounts)";
    }

    private static InetAddress listenAddress(String listen) throws EngineException {
        try {
            return InetAddress.getByName(listen == null ? "0.0.0.0" : listen);
        } catch (java.net.UnknownHostException e) {
            throw new EngineException("unable to listen on domain address: " + listen);
        }
    }

    /** The ports a {@code random} inbound listens on now (tests). */
    java.util.Set<Integer> randomPorts(String tag) {
        RunningInbound r = running.get(tag);
        return r == null || r.random() == null ? java.util.Set.of() : r.random().ports();
    }

    /** V2Ray's DNS feature as this engine runs it (the built-in DNS of a {@code dns} section, else the system's). */
    public NameLookup names() {
        return context.names();
    }

    /** IP addresses actually bound (useful with port 0 in tests); listeners on unix sockets are left out. */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Channel c : listeners) {
            if (c.localAddress() instanceof InetSocketAddress a) {
                out.add(a);
            }
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
        if (apiServer != null) {
            try {
                apiServer.close();
            } catch (Exception e) {
                log.info(0, "app/commander", "failed to stop the API server > " + e.getMessage());
            }
        }
        if (reverse != null) {
            reverse.close();
        }
        for (RunningInbound r : running.values()) {
            if (r.random() != null) {
                r.random().close();
            }
        }
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
        if (boss != null) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            boss.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
            workers.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
        if (builtInDns != null) {
            builtInDns.close();
        }
        if (dnsGroup != null) {
            dnsGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
        resolver.close();
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
