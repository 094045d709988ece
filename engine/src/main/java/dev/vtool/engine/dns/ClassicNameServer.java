package dev.vtool.engine.dns;

import dev.vtool.engine.log.EngineLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A name server with 4.34's query and cache behaviour (its {@code ClassicNameServer}, and its DoH server,
 * which behaves the same): an A and/or AAAA query per lookup, sent over a {@link QueryChannel} (classic
 * UDP through the dispatcher, so routing sees them with the DNS tag; or DNS over HTTPS), answers matched
 * by id and cached with their TTL.
 * A lookup waits for every type it asked for, at most {@link #TIMEOUT_MILLIS}. Concurrent lookups of the
 * same name and type share one query. Confined to the DNS event loop.
 */
final class ClassicNameServer implements NameServer {
    static final long TIMEOUT_MILLIS = 4000;
    private static final String PKG = "app/dns";
    private final String name;
    private final QueryChannel channel;
    private final EventLoop loop;
    private final EngineLog log;
    private final DnsCache cache = new DnsCache();
    /** Queries on the wire, by id. */
    private final Map<Integer, Pending> pending = new HashMap<>();
    /** Lookups waiting for answers, by name. */
    private final Map<String, List<Waiter>> waiters = new HashMap<>();
    private int nextId = (int) (System.nanoTime() & 0xFFFF);
    private long lastSweep = System.nanoTime();

    private record Pending(String fqdn, int type, long sentAtNanos) {
    }

    private final class Waiter {
        final NameLookup.Family family;
        final Promise<List<InetAddress>> promise;
        ScheduledFuture<?> timeout;

        Waiter(NameLookup.Family family, Promise<List<InetAddress>> promise) {
            this.family = family;
            this.promise = promise;
        }
    }

    /** @param channel sends queries; its answers must come back through {@link #received} on {@code loop} */
    ClassicNameServer(String name, java.util.function.Function<java.util.function.Consumer<ByteBuf>, QueryChannel> channel,
                      EventLoop loop, EngineLog log) {
        this.name = name;
        this.channel = channel.apply(this::received);
        this.loop = loop;
        this.log = log;
    }

    @Override
    public String name() {
        return name;
    }

    DnsCache cache() {
        return cache;
    }

    @Override
    public Future<List<InetAddress>> query(String fqdn, NameLookup.Family family, InetAddress clientIp) {
        long now = System.nanoTime();
        maybeSweep(now);
        Object cached = cache.find(fqdn, family, now);
        if (cached != null) {
            log.debug(0, PKG, name + " cache HIT " + fqdn);
            return cached instanceof DnsFailure f ? loop.newFailedFuture(f) : loop.newSucceededFuture(ips(cached));
        }
        Promise<List<InetAddress>> p = loop.newPromise();
        Waiter w = new Waiter(family, p);
        waiters.computeIfAbsent(fqdn, k -> new ArrayList<>()).add(w);
        w.timeout = loop.schedule(() -> expire(fqdn, w), TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        log.debug(0, PKG, name + " querying DNS for: " + fqdn);
        if (family != NameLookup.Family.IPV6) {
            send(fqdn, DnsWire.TYPE_A, clientIp, now);
        }
        if (family != NameLookup.Family.IPV4) {
            send(fqdn, DnsWire.TYPE_AAAA, clientIp, now);
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static List<InetAddress> ips(Object cached) {
        return (List<InetAddress>) cached;
    }

    private void send(String fqdn, int type, InetAddress clientIp, long now) {
        for (Pending q : pending.values()) {
            if (q.fqdn().equals(fqdn) && q.type() == type && now - q.sentAtNanos() < TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS)) {
                return; // already on the wire: its answer serves this lookup too
            }
        }
        int id;
        do {
            id = nextId = (nextId + 1) & 0xFFFF;
        } while (pending.containsKey(id));
        pending.put(id, new Pending(fqdn, type, now));
        channel.send(DnsWire.query(id, fqdn, type, clientIp));
    }

    /** An answer message, on the DNS loop. */
    private void received(ByteBuf payload) {
        DnsWire.Response r;
        try {
            r = DnsWire.response(payload);
        } catch (IllegalArgumentException e) {
            log.error(0, PKG, name + " fail to parse responded DNS udp");
            return;
        } finally {
            payload.release();
        }
        Pending q = pending.remove(r.id());
        if (q == null) {
            log.error(0, PKG, name + " cannot find the pending request");
            return;
        }
        long now = System.nanoTime();
        log.info(0, PKG, name + " got answer: " + q.fqdn() + " " + (q.type() == DnsWire.TYPE_A ? "TypeA" : "TypeAAAA")
                + " -> " + r.ips() + " " + TimeUnit.NANOSECONDS.toMillis(now - q.sentAtNanos()) + "ms");
        cache.put(q.fqdn(), q.type(), new DnsCache.Answer(List.copyOf(r.ips()), r.rcode(),
                now + TimeUnit.SECONDS.toNanos(r.ttlSeconds())));
        List<Waiter> ws = waiters.get(q.fqdn());
        if (ws == null) {
            return;
        }
        for (Iterator<Waiter> it = ws.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (!answered(q.fqdn(), w.family)) {
                continue;
            }
            it.remove();
            w.timeout.cancel(false);
            complete(q.fqdn(), w);
        }
        if (ws.isEmpty()) {
            waiters.remove(q.fqdn());
        }
    }

    /** Whether every type the waiter asked for has a live answer now. */
    private boolean answered(String fqdn, NameLookup.Family family) {
        return switch (family) {
            case IPV4 -> cache.find(fqdn, family, System.nanoTime()) != null;
            case IPV6 -> cache.find(fqdn, family, System.nanoTime()) != null;
            case ANY -> cache.find(fqdn, NameLookup.Family.IPV4, System.nanoTime()) != null
                    && cache.find(fqdn, NameLookup.Family.IPV6, System.nanoTime()) != null;
        };
    }

    private void complete(String fqdn, Waiter w) {
        Object cached = cache.find(fqdn, w.family, System.nanoTime());
        if (cached == null) {
            w.promise.tryFailure(DnsFailure.timeout());
        } else if (cached instanceof DnsFailure f) {
            w.promise.tryFailure(f);
        } else {
            w.promise.trySuccess(ips(cached));
        }
    }

    /** The lookup's time is up: what arrived so far answers it, else a timeout (the next server is tried). */
    private void expire(String fqdn, Waiter w) {
        List<Waiter> ws = waiters.get(fqdn);
        if (ws != null) {
            ws.remove(w);
            if (ws.isEmpty()) {
                waiters.remove(fqdn);
            }
        }
        complete(fqdn, w);
    }

    private void maybeSweep(long now) {
        if (now - lastSweep < TimeUnit.MINUTES.toNanos(1)) {
            return;
        }
        lastSweep = now;
        cache.sweep(now);
        pending.values().removeIf(q -> now - q.sentAtNanos() > TimeUnit.SECONDS.toNanos(8));
    }

    @Override
    public void close() {
        channel.close();
    }
}
