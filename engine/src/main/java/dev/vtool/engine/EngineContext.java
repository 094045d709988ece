package dev.vtool.engine;

import dev.vtool.engine.dns.NameLookup;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.Dialer;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.Policy;
import java.util.concurrent.ThreadLocalRandom;

/** Services the engine shares with every inbound and outbound. */
public final class EngineContext {
    private final EngineLog log;
    private final Policy policy;
    private final Dialer dialer;
    private final NameLookup names;
    /** Shared by every view of the context; set once the outbounds exist. */
    private final Dispatcher[] dispatcher;
    private final dev.vtool.engine.stats.StatsCounters stats;

    EngineContext(EngineLog log, Policy policy, Dialer dialer, NameLookup names) {
        this(log, policy, dialer, names, null);
    }

    EngineContext(EngineLog log, Policy policy, Dialer dialer, NameLookup names,
                  dev.vtool.engine.stats.StatsCounters stats) {
        this(log, policy, dialer, names, new Dispatcher[1], stats);
    }

    private EngineContext(EngineLog log, Policy policy, Dialer dialer, NameLookup names, Dispatcher[] dispatcher,
                          dev.vtool.engine.stats.StatsCounters stats) {
        this.stats = stats;
        this.log = log;
        this.policy = policy;
        this.dialer = dialer;
        this.names = names;
        this.dispatcher = dispatcher;
    }

    /** The same services with another dialer (for an outbound with {@code proxySettings}). */
    EngineContext withDialer(Dialer other) {
        return new EngineContext(log, policy, other, names, dispatcher, stats);
    }

    public EngineLog log() {
        return log;
    }

    public LevelPolicy policy(int level) {
        return policy.forLevel(level);
    }

    /** vtool's {@code policy.limits}. */
    public dev.vtool.schema.model.Limits limits() {
        return policy.limits();
    }

    /** The traffic counters, or null when the config has no {@code stats} section. */
    public dev.vtool.engine.stats.StatsCounters stats() {
        return stats;
    }

    public Dialer dialer() {
        return dialer;
    }

    /** V2Ray's DNS feature: the built-in DNS of the {@code dns} section, else the system resolver. */
    public NameLookup names() {
        return names;
    }

    public Dispatcher dispatcher() {
        return dispatcher[0];
    }

    void dispatcher(Dispatcher d) {
        this.dispatcher[0] = d;
    }

    /** A random non-zero id, printed as {@code [id]} on every log line of a connection (as V2Ray does). */
    public static int newSessionId() {
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt();
        } while (id == 0);
        return id;
    }
}
