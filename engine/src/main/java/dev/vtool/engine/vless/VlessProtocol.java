package dev.vtool.engine.vless;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;

/** Registers the {@code vless} inbound and outbound. */
public final class VlessProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.inbound("vless", VlessInbound::create);
        registry.outbound("vless", VlessOutbound::create);
    }
}
