package dev.vtool.engine.reverse;

import dev.vtool.engine.Dispatcher;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.ReverseSettings;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code reverse} section running: its portals (outbounds the engine puts in its outbound table under
 * their tags, replacing a configured outbound of the same tag as 4.34 does) and its bridges (started once
 * the engine has threads).
 */
public final class ReverseProxy {
    private final List<Portal> portals = new ArrayList<>();
    private final List<Bridge> bridges = new ArrayList<>();
    private final ReverseSettings settings;
    private final EngineLog log;

    public ReverseProxy(ReverseSettings settings, EngineLog log) {
        this.settings = settings;
        this.log = log;
        for (ReverseSettings.Entry p : settings.portals()) {
            portals.add(new Portal(p.tag(), p.domain(), log));
        }
    }

    public List<Portal> portals() {
        return portals;
    }

    /** Builds the bridges once the dispatcher exists; {@code policy} is level 0's (a bridge has no user). */
    public void bridges(Dispatcher dispatcher, LevelPolicy policy) {
        for (ReverseSettings.Entry b : settings.bridges()) {
            bridges.add(new Bridge(b.tag(), b.domain(), dispatcher, policy, log));
        }
    }

    /** Starts dialling, each bridge on one loop of {@code group}. */
    public void start(EventLoopGroup group) {
        for (Bridge b : bridges) {
            b.start(group.next());
        }
    }

    public void close() {
        bridges.forEach(Bridge::close);
    }
}
