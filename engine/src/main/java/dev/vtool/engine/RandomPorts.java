package dev.vtool.engine;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.model.Allocation;
import dev.vtool.schema.model.PortRange;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code allocate: random} (4.34's dynamic inbound): every {@code refresh} minutes, listen on
 * {@code concurrency} ports picked at random from the range, not in use by an earlier set; each set is
 * closed two refresh periods after it opened, so sets overlap and a client told of a port has time to use
 * it. A port that cannot be bound is logged and skipped, as in 4.34. Refreshes run on {@code loop}, which
 * must not be the loop the listeners bind on (binding is awaited).
 */
final class RandomPorts {
    /** How long "a minute" is: tests shorten it, nothing else changes it. */
    static volatile Duration minute = Duration.ofMinutes(1);

    /** Binds one port (TCP and, if the inbound wants it, UDP); returns what it opened. */
    interface Binder {
        List<Channel> bind(int port) throws EngineException;
    }

    private final EventExecutor loop;
    private final PortRange range;
    private final Allocation allocation;
    private final Binder binder;
    private final EngineLog log;
    private final String protocol;
    private final Set<Integer> inUse = new HashSet<>();
    private final List<List<Channel>> open = new ArrayList<>();
    /** The ports and opening time of each open set, to retire it first when its time and a refresh coincide. */
    private final java.util.Map<List<Channel>, long[]> opened = new java.util.IdentityHashMap<>();
    private final java.util.Map<List<Channel>, List<Integer>> portsOf = new java.util.IdentityHashMap<>();
    private ScheduledFuture<?> task;
    private boolean closed;

    RandomPorts(EventExecutor loop, PortRange range, Allocation allocation, Binder binder, EngineLog log, String protocol) {
        this.loop = loop;
        this.range = range;
        this.allocation = allocation;
        this.binder = binder;
        this.log = log;
        this.protocol = protocol;
    }

    /**
     * Opens the first set now (on the caller's thread, so start-up errors show at once), then refreshes with a
     * fixed delay: a late run must not be followed by catch-up runs that would open sets in a burst.
     */
    void start() {
        refresh();
        long period = minute.toNanos() * allocation.refreshMinutes();
        task = loop.scheduleWithFixedDelay(() -> {
            synchronized (this) {
                if (!closed) {
                    refresh();
                }
            }
        }, period, period, TimeUnit.NANOSECONDS);
    }

    private synchronized void refresh() {
        long now = System.nanoTime();
        long keep = minute.toNanos() * allocation.refreshMinutes() * 2;
        for (List<Channel> old : new ArrayList<>(open)) {
            if (now - opened.get(old)[0] >= keep - keep / 8) {
                close(old, portsOf.get(old));
            }
        }
        int size = range.to() - range.from() + 1;
        // never more ports than the range has free (4.34 would spin looking for one)
        int want = Math.min(allocation.concurrency(), size - inUse.size());
        List<Integer> ports = new ArrayList<>();
        List<Channel> set = new ArrayList<>();
        for (int i = 0; i < want; i++) {
            int port;
            do {
                port = range.from() + ThreadLocalRandom.current().nextInt(size);
            } while (inUse.contains(port));
            inUse.add(port);
            ports.add(port);
            try {
                set.addAll(binder.bind(port));
            } catch (EngineException e) {
                log.warning(0, "app/proxyman/inbound", "failed to create TCP worker > " + e.getMessage());
            }
        }
        log.info(0, "proxy/" + protocol, "random allocation: listening on ports " + ports);
        open.add(set);
        opened.put(set, new long[] {now});
        portsOf.put(set, ports);
        loop.schedule(() -> close(set, ports), keep, TimeUnit.NANOSECONDS);
    }

    private synchronized void close(List<Channel> set, List<Integer> ports) {
        if (!open.contains(set)) {
            return;
        }
        opened.remove(set);
        portsOf.remove(set);
        for (Channel c : set) {
            c.close();
        }
        open.remove(set);
        inUse.removeAll(ports);
    }

    /** The ports listened on now (tests). */
    synchronized Set<Integer> ports() {
        Set<Integer> out = new HashSet<>();
        for (List<Channel> set : open) {
            for (Channel c : set) {
                if (c.isOpen() && c.localAddress() instanceof java.net.InetSocketAddress a) {
                    out.add(a.getPort());
                }
            }
        }
        return out;
    }

    synchronized void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
        }
        for (List<Channel> set : open) {
            for (Channel c : set) {
                c.close();
            }
        }
        open.clear();
    }
}
