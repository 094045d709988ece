package dev.vtool.engine.dns;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineException;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.routing.GeoData;
import dev.vtool.engine.transport.Resolver;
import dev.vtool.schema.model.DnsServer;
import dev.vtool.schema.model.DnsSettings;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The built-in DNS of a {@code dns} section, as 4.34's {@code app/dns} answers: {@code hosts} first, then
 * the servers whose {@code domains} match the name (best match first), then every other server in
 * config order. A server's answer is kept only if it falls in its {@code expectIPs}; a timeout or an
 * expectIPs mismatch moves on to the next server, any other failure ends the lookup. Without servers the
 * system resolver answers.
 *
 * <p>All state lives on one event loop of its own (given to {@link #start}); callers get their answer on
 * their own loop, never blocking it.
 */
public final class BuiltInDns implements NameLookup, AutoCloseable {
    private static final String PKG = "app/dns";
    private final DnsSettings settings;
    private final StaticHosts hosts;
    private final List<ServerEntry> entries = new ArrayList<>();
    private final String tag;
    private final Resolver system;
    private final EngineLog log;
    private volatile EventLoop loop;
    /** TLS for DoH: the system's roots, unless a test trusts its own server. */
    private volatile SslContext dohTls;

    /** How a query of ours reaches the dispatcher. */
    public interface Routes {
        /** A UDP flow to {@code to}, routed with {@code tag} as its inbound tag; null when it cannot be carried. */
        dev.vtool.engine.transport.PacketConnection openPackets(String tag, Destination to, EventLoop loop,
                                                                dev.vtool.engine.transport.PacketReceiver back);

        /** A TCP stream to {@code to} through the routed outbound: its channel reads and writes plain payload. */
        Future<io.netty.channel.Channel> openStream(String tag, Destination to, EventLoop loop);
    }

    private final Routes routes;

    /** Checks everything that can fail (geo lists, addresses); starts nothing. */
    public BuiltInDns(DnsSettings settings, GeoData geo, Resolver system, Routes routes, EngineLog log) throws EngineException {
        this.settings = settings;
        this.hosts = new StaticHosts(settings.hosts(), geo);
        this.tag = settings.tag() != null ? settings.tag() : "v2ray.system." + UUID.randomUUID();
        this.system = system;
        this.routes = routes;
        this.log = log;
        InetAddress globalClientIp = settings.clientIp() == null ? null : DnsWire.ip(settings.clientIp());
        for (DnsServer s : settings.servers()) {
            InetAddress clientIp = s.clientIp() != null ? DnsWire.ip(s.clientIp()) : globalClientIp;
            try {
                entries.add(new ServerEntry(null, clientIp, s.domains(), s.expectIps(), geo,
                        s.kind() == DnsServer.Kind.LOCALHOST));
            } catch (EngineException e) {
                throw new EngineException("app/dns: failed to create client > " + e.getMessage());
            }
        }
        if (entries.isEmpty()) {
            entries.add(new ServerEntry(null, null, List.of(), List.of(), geo, true));
        }
    }

    /** Trusts {@code tls} for DoH instead of the system's roots (tests with their own DoH server). */
    public BuiltInDns withDohTls(SslContext tls) {
        this.dohTls = tls;
        return this;
    }

    private synchronized SslContext dohTls() {
        if (dohTls == null) {
            try {
                dohTls = io.netty.handler.ssl.SslContextBuilder.forClient().build();
            } catch (javax.net.ssl.SSLException e) {
                throw new IllegalStateException("cannot set up TLS for DNS over HTTPS: " + e.getMessage(), e);
            }
        }
        return dohTls;
    }

    /** The inbound tag its own queries carry through routing. */
    public String tag() {
        return tag;
    }

    /** Creates the name servers on {@code dnsLoop}, which runs all of this from now on. */
    public void start(EventLoop dnsLoop) {
        for (int i = 0; i < entries.size(); i++) {
            ServerEntry e = entries.get(i);
            DnsServer s = i < settings.servers().size() ? settings.servers().get(i) : null;
            e.server = s == null ? new LocalNameServer(system, dnsLoop) : switch (s.kind()) {
                case LOCALHOST -> new LocalNameServer(system, dnsLoop);
                case UDP -> new ClassicNameServer(s.displayName(), answers -> new UdpQueryChannel(s.host(), s.port(),
                        (to, back) -> routes.openPackets(tag, to, dnsLoop, back), answers), dnsLoop, log);
                case DOH_LOCAL -> new ClassicNameServer(s.displayName(), answers -> new DohQueryChannel(
                        s.displayName(), s.url(), dnsLoop, DohQueryChannel.direct(dnsLoop, system), this::dohTls,
                        answers, log), dnsLoop, log);
                case DOH -> new ClassicNameServer(s.displayName(), answers -> new DohQueryChannel(
                        s.displayName(), s.url(), dnsLoop, (host, port) -> routes.openStream(tag,
                        dev.vtool.engine.Destination.tcp(host, port), dnsLoop), this::dohTls, answers, log), dnsLoop, log);
            };
            log.info(0, PKG, "DNS: created " + e.server.name() + " client");
        }
        this.loop = dnsLoop; // the volatile write publishes the servers to every caller
    }

    @Override
    public Future<List<InetAddress>> lookup(String domain, Family family, EventExecutor caller) {
        EventLoop l = loop;
        List<InetAddress> cached = l == null ? null : cached(domain, family);
        if (cached != null) {
            return caller.newSucceededFuture(cached);
        }
        Promise<List<InetAddress>> result = caller.newPromise();
        if (l == null) {
            result.tryFailure(new DnsFailure(DnsFailure.Kind.OTHER, 0, "the built-in DNS is not started"));
            return result;
        }
        l.execute(() -> lookupHere(domain, family).addListener(f -> {
            if (f.isSuccess()) {
                @SuppressWarnings("unchecked")
                List<InetAddress> ips = (List<InetAddress>) f.getNow();
                result.trySuccess(ips);
            } else {
                result.tryFailure(f.cause());
            }
        }));
        return result;
    }

    /**
     * The answer when it needs no query and no hop to the DNS loop: from hosts, or from the cache of the
     * server that would be asked first. Null otherwise (the full lookup then decides, with the same result).
     */
    private List<InetAddress> cached(String domain, Family family) {
        if (domain == null || domain.isEmpty()) {
            return null;
        }
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (!hosts.isEmpty()) {
            StaticHosts.Found found = hosts.lookup(name, family);
            if (found != null) {
                if (found.replacement() == null) {
                    return found.ips().isEmpty() ? null : found.ips();
                }
                name = found.replacement();
            }
        }
        ServerEntry first = entries.size() == 1 ? entries.get(0) : order(name).get(0);
        if (!(first.server instanceof ClassicNameServer udp)) {
            return null;
        }
        // the name as asked when it already ends with the dot (a DNS query's name): no new string per hit
        String fqdn = domain.endsWith(".") && name.length() + 1 == domain.length() && domain.startsWith(name) ? domain
                : DnsWire.fqdn(name);
        Object hit = udp.cache().find(fqdn, family, System.nanoTime());
        if (!(hit instanceof List<?> list)) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            List<InetAddress> ips = first.filter((List<InetAddress>) list);
            if (log.enabled(dev.vtool.schema.model.LogLevel.DEBUG)) {
                log.debug(0, PKG, udp.name() + " cache HIT " + name + " -> " + ips);
            }
            return ips;
        } catch (DnsFailure mismatch) {
            return null;
        }
    }

    /** On the DNS loop. */
    private Future<List<InetAddress>> lookupHere(String domain, Family family) {
        if (domain == null || domain.isEmpty()) {
            return loop.newFailedFuture(new DnsFailure(DnsFailure.Kind.OTHER, 0, "empty domain name"));
        }
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        StaticHosts.Found found = hosts.lookup(name, family);
        if (found != null) {
            if (found.replacement() != null) {
                log.info(0, PKG, "domain replaced: " + name + " -> " + found.replacement());
                name = found.replacement();
            } else if (found.ips().isEmpty()) {
                return loop.newFailedFuture(DnsFailure.empty());
            } else {
                log.info(0, PKG, "returning " + found.ips().size() + " IPs for domain " + name);
                return loop.newSucceededFuture(found.ips());
            }
        }
        List<ServerEntry> order = order(name);
        Promise<List<InetAddress>> p = loop.newPromise();
        tryServer(name, family, order, 0, new ArrayList<>(), p);
        return p;
    }

    /** 4.34's sortClients: servers whose domain rules match (best match first), then the rest in order. */
    List<ServerEntry> order(String domain) {
        List<ServerEntry> matched = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        for (ServerEntry e : entries) {
            int r = e.matchRank(domain);
            if (r >= 0) {
                matched.add(e);
                ranks.add(r);
            }
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < matched.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingInt(ranks::get)); // stable: config order among equal ranks
        List<ServerEntry> out = new ArrayList<>();
        for (int i : idx) {
            out.add(matched.get(i));
        }
        for (ServerEntry e : entries) {
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        if (log.enabled(dev.vtool.schema.model.LogLevel.DEBUG)) {
            log.debug(0, PKG, "domain " + domain + " will use DNS in order: "
                    + out.stream().map(e -> e.server == null ? "?" : e.server.name()).toList());
        }
        return out;
    }

    private void tryServer(String name, Family family, List<ServerEntry> order, int i, List<String> errors,
                           Promise<List<InetAddress>> p) {
        if (i >= order.size()) {
            p.tryFailure(new DnsFailure(DnsFailure.Kind.OTHER, 0, "app/dns: returning nil for domain " + name
                    + (errors.isEmpty() ? "" : " > " + String.join("; ", errors))));
            return;
        }
        ServerEntry e = order.get(i);
        e.server.query(DnsWire.fqdn(name), family, e.clientIp).addListener(f -> {
            DnsFailure failure;
            if (f.isSuccess()) {
                @SuppressWarnings("unchecked")
                List<InetAddress> ips = (List<InetAddress>) f.getNow();
                try {
                    p.trySuccess(e.filter(ips));
                    return;
                } catch (DnsFailure mismatch) {
                    failure = mismatch;
                }
            } else {
                failure = f.cause() instanceof DnsFailure d ? d
                        : new DnsFailure(DnsFailure.Kind.OTHER, 0, String.valueOf(f.cause().getMessage()));
            }
            log.info(0, PKG, "failed to lookup ip for domain " + name + " at server " + e.server.name() + " > "
                    + failure.getMessage());
            errors.add(failure.getMessage());
            if (!failure.fallsBack()) {
                p.tryFailure(failure);
                return;
            }
            tryServer(name, family, order, i + 1, errors, p);
        });
    }

    @Override
    public void close() {
        EventLoop l = loop;
        if (l == null) {
            return;
        }
        for (ServerEntry e : entries) {
            if (e.server != null) {
                try {
                    l.execute(e.server::close);
                } catch (java.util.concurrent.RejectedExecutionException ignored) {
                    // the loop is already gone, and its channels with it
                }
            }
        }
    }
}
