package dev.vtool.engine;

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
    private Dispatcher dispatcher;

    EngineContext(EngineLog log, Policy policy, Dialer dialer) {
        this.log = log;
        this.policy = policy;
        this.dialer = dialer;
    }

    public EngineLog log() {
        return log;
    }

    public LevelPolicy policy(int level) {
        return policy.forLevel(level);
    }

    public Dialer dialer() {
        return dialer;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    void dispatcher(Dispatcher d) {
        this.dispatcher = d;
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
