package dev.vtool.engine;

import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.schema.model.Limits;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The UDP flows of one inbound listener, with {@code policy.limits} applied: at most
 * {@code udpMaxSessions} flows, {@code udpMaxSessionsPerSource} per client IP, and a flow idle for
 * {@code udpSessionIdle} (or the level's connIdle, if shorter) is closed by {@link #sweep}. V2Ray caps
 * nothing here (docs/spec/security.md 1.5). Not thread safe: used on the listener's event loop only.
 *
 * @param <K> what identifies a flow (client address, or client and destination)
 */
public final class UdpFlowTable<K> {
    private static final class Flow {
        final PacketConnection connection;
        final InetAddress source;
        long lastUsed = System.nanoTime();

        Flow(PacketConnection connection, InetAddress source) {
            this.connection = connection;
            this.source = source;
        }
    }

    private final int max;
    private final int maxPerSource;
    private final long idleNanos;
    private final Map<K, Flow> flows = new HashMap<>();
    private final Map<InetAddress, Integer> perSource = new HashMap<>();

    public UdpFlowTable(Limits limits, java.time.Duration connIdle) {
        this.max = limits.udpMaxSessions();
        this.maxPerSource = limits.udpMaxSessionsPerSource();
        this.idleNanos = Math.min(limits.udpSessionIdle().toNanos(), Math.max(1, connIdle.toNanos()));
    }

    /** How often {@link #sweep} should run: a tenth of the idle limit, between 1 and 10 seconds. */
    public long sweepMillis() {
        return Math.max(1000, Math.min(10_000, idleNanos / 10_000_000L));
    }

    /** The open flow for {@code key} (its idle clock restarted), or null. */
    public PacketConnection get(K key) {
        Flow f = flows.get(key);
        if (f == null) {
            return null;
        }
        if (!f.connection.isOpen()) {
            remove(key, f);
            return null;
        }
        f.lastUsed = System.nanoTime();
        return f.connection;
    }

    /** Null when a new flow from {@code source} may open, else the name of the limit that refuses it. */
    public String refusal(InetAddress source) {
        if (flows.size() >= max) {
            sweep();
            if (flows.size() >= max) {
                return "udpMaxSessions";
            }
        }
        if (perSource.getOrDefault(source, 0) >= maxPerSource) {
            return "udpMaxSessionsPerSource";
        }
        return null;
    }

    public void put(K key, InetAddress source, PacketConnection connection) {
        Flow old = flows.put(key, new Flow(connection, source));
        if (old != null) {
            decrement(old.source);
            old.connection.close();
        }
        perSource.merge(source, 1, Integer::sum);
    }

    public int size() {
        return flows.size();
    }

    /** Closes flows that idled out or whose connection ended. */
    public void sweep() {
        long now = System.nanoTime();
        removeIf(f -> !f.connection.isOpen() || now - f.lastUsed > idleNanos);
    }

    /** Closes every flow from this client IP. */
    public void closeFrom(InetAddress source) {
        removeIf(f -> f.source.equals(source));
    }

    public void closeAll() {
        removeIf(f -> true);
    }

    private void removeIf(Predicate<Flow> which) {
        for (Iterator<Flow> it = flows.values().iterator(); it.hasNext(); ) {
            Flow f = it.next();
            if (which.test(f)) {
                f.connection.close();
                decrement(f.source);
                it.remove();
            }
        }
    }

    private void remove(K key, Flow f) {
        flows.remove(key);
        decrement(f.source);
        f.connection.close();
    }

    private void decrement(InetAddress source) {
        perSource.computeIfPresent(source, (k, n) -> n <= 1 ? null : n - 1);
    }
}
