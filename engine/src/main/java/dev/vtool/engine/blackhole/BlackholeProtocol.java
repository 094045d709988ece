package dev.vtool.engine.blackhole;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;
import dev.vtool.schema.protocol.blackhole.BlackholeSettings;

/** Registers the {@code blackhole} outbound. */
public final class BlackholeProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.outbound("blackhole", (config, context) ->
                new BlackholeOutbound(((BlackholeSettings) config.settings()).httpResponse()));
    }
}
