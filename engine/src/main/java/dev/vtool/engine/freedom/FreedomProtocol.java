package dev.vtool.engine.freedom;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;
import dev.vtool.schema.protocol.freedom.FreedomSettings;

/** Registers the {@code freedom} outbound. */
public final class FreedomProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.outbound("freedom", (config, context) ->
                new FreedomOutbound((FreedomSettings) config.settings(), config.sendThrough(), context));
    }
}
