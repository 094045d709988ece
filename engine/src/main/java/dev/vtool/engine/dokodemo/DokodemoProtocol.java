package dev.vtool.engine.dokodemo;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;

/** Registers the {@code dokodemo-door} inbound. */
public final class DokodemoProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.inbound("dokodemo-door", DokodemoInbound::new);
    }
}
